"""Pages and files made from the relation graph: Markdown from templates, labels, open data, QR codes."""
