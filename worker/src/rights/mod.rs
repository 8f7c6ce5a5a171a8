//! Rights (维权): the evidence locker (记工本) workers keep of their days.
//!
//! | module | holds |
//! |---|---|
//! | `locker/` | appending days to the hash chain, the list, the summary, verification, 对工 |

pub mod locker;
