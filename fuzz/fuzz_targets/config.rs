#![no_main]
//! crosswire.json parsing never panics, and what parses survives a round trip.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(config) = crosswire::config::Config::parse(text, "crosswire.json") {
        let again = serde_json::to_string(&config).unwrap();
        assert_eq!(crosswire::config::Config::parse(&again, "x").unwrap(), config);
        let _ = config.outlet_for("002_x.txt");
    }
});
