"""`sbbot import`: turn saved posts (HTML, Markdown, text dumps) into draft knowledge files.

This package is knowledge-side only: it reads posts and writes YAML that `load_knowledge`
validates. It never imports the router or any chat code, so the drafts it writes are the
same whatever the bot's routing does with them.
"""
