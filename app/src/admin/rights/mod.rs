//! Rights, staff side: the wage-case queue of the subtree, the overdue list
//! (statutory clocks past due or due soon), a case with every claimant and
//! the actions its status allows, and the printable A4 投诉书.

mod case;
mod list;
mod print;

pub use case::CasePage;
pub use list::{Overdue, Queue};
pub use print::PrintComplaint;
