"""The URL is the state: its codec, map events turned into selections, and the share link."""
