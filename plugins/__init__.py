"""The built-in cleaners, one module each, registered through the ``cleanse`` entry-point group."""
