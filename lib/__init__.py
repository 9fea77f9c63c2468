"""Small helpers the apps share: counters in the cache, the client's address,
sends from worker threads to an event loop."""
