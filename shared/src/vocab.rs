//! One macro for every stored vocabulary: an enum whose values are stored in D1
//! and sent in JSON under a stable snake_case code, with a bilingual label.
//!
//! ```
//! shared::vocabulary! {
//!     /// How a thing is paid.
//!     pub enum Payment {
//!         Cash = "cash", "现金", "Cash";
//!         Bank = "bank", "银行转账", "Bank transfer";
//!     }
//! }
//! assert_eq!(Payment::Bank.code(), "bank");
//! assert_eq!(Payment::parse("cash"), Some(Payment::Cash));
//! assert_eq!(Payment::Cash.label().zh, "现金");
//! ```
//!
//! Every vocabulary gets the same four things, under the same names:
//! - `ALL`: every value, in declaration order (the order is also `Ord`'s);
//! - `code()`: the value stored in D1 and sent in JSON;
//! - `parse(code)`: the inverse of `code()`, `None` for anything else;
//! - `label()`: the words people read, in Chinese and English.
//!
//! Extra attributes may sit on the enum (docs, `#[derive(Default)]`) and on each
//! variant (docs, `#[default]`).

#[macro_export]
macro_rules! vocabulary {
    ($(#[$meta:meta])* pub enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident = $code:literal, $zh:literal, $en:literal;)*
    }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant,)*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value stored in D1 and sent in JSON.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            /// The value whose `code()` is `s`.
            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.code() == s)
            }

            /// What people read.
            pub fn label(self) -> $crate::lang::Text {
                match self { $($name::$variant => $crate::lang::Text::new($zh, $en),)* }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::vocabulary! {
        /// A test vocabulary.
        #[derive(Default)]
        pub enum Colour {
            #[default]
            Red = "red", "红", "Red";
            DeepBlue = "deep_blue", "深蓝", "Deep blue";
        }
    }

    #[test]
    fn codes_round_trip_through_parse_and_json() {
        for c in Colour::ALL {
            assert_eq!(Colour::parse(c.code()), Some(*c));
            let json = serde_json::to_string(c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.code()));
            assert_eq!(serde_json::from_str::<Colour>(&json).unwrap(), *c);
        }
        assert_eq!(Colour::parse("Red"), None);
        assert_eq!(Colour::DeepBlue.label().en, "Deep blue");
        assert_eq!(Colour::DeepBlue.to_string(), "deep_blue");
        assert!(Colour::Red < Colour::DeepBlue);
        assert_eq!(Colour::default(), Colour::Red);
    }
}
