"""Report renderers: JSON (the contract), HTML, Markdown and the terminal."""
