//! The CLI as product teams' scripts use it: real binary, real board files.
