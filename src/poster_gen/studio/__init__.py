"""The studio: a local web app to edit landmarks and preview posters."""
