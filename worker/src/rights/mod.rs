//! Rights (维权): wage-arrears complaints and cases.

pub mod cases;
