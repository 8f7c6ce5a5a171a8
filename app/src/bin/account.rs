//! The `account` bundle: sign-in and 我的.

fn main() {
    gongyou_app::start(gongyou_app::accounts::App);
}
