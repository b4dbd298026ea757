"""Feed builders, one per format, each returning bytes; installed as `pressroom.feeds`."""
