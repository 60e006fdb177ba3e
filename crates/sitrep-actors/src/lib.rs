//! Actors and sources (work in progress: the dictionary data comes first).
