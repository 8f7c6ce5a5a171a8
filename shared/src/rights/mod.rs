//! Rights (维权): the evidence locker (记工本) a worker keeps of the days they
//! worked, and what the union does with it.
//!
//! | module | holds |
//! |---|---|
//! | `locker/` | day entries, their canonical form and hash chain, corrections, 对工 codes, the monthly summary, the locker's routes |

pub mod locker;

pub use locker::*;
