//! The files `clarion new` and `clarion init` write.
