"""nplayer."""
