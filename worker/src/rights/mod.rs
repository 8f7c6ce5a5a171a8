//! Rights (维权): the evidence locker (记工本) workers keep of their days, and
//! the wage-arrears complaints and cases staff follow.
//!
//! | module | holds |
//! |---|---|
//! | `locker/` | appending days to the hash chain, the list, the summary, verification, 对工 |
//! | `cases/` | filing, invitations, the staff queue and actions, clocks, the employer's wage record |

pub mod cases;
pub mod locker;
