"""The analyst console: static pages (HTML, CSS, ES modules) that call the REST API in the browser."""
