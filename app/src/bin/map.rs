//! The `map` bundle: stations on a map, with Leaflet.

fn main() {
    gongyou_app::start(gongyou_app::map::App);
}
