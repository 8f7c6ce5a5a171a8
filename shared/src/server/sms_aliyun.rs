//! Aliyun SMS (dysmsapi `SendSms`) request signing: RPC signature version 1.0,
//! HMAC-SHA1 over `GET&%2F&` + the percent-encoded canonical query, keyed with
//! `AccessKeySecret&`. Tested against the example in Aliyun's documentation.

use hmac::{Hmac, Mac};
use sha1::Sha1;
use std::collections::BTreeMap;

pub const ENDPOINT: &str = "https://dysmsapi.aliyuncs.com/";

/// Worker secrets that configure the provider.
#[derive(Debug, Clone)]
pub struct AliyunConfig {
    pub access_key_id: String,
    pub access_key_secret: String,
    /// The approved signature shown in 【】, e.g. 工友驿站.
    pub sign_name: String,
    /// The approved template with a `${code}` variable.
    pub template_code: String,
}

/// Aliyun's POP encoding: RFC 3986 unreserved characters stay, everything else
/// is %XX (uppercase), so space is %20, `*` is %2A and `~` stays.
pub fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub fn canonical_query(params: &BTreeMap<String, String>) -> String {
    params
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub fn signature(secret: &str, params: &BTreeMap<String, String>) -> String {
    let string_to_sign = format!(
        "GET&{}&{}",
        percent_encode("/"),
        percent_encode(&canonical_query(params))
    );
    let mut mac =
        Hmac::<Sha1>::new_from_slice(format!("{secret}&").as_bytes()).expect("any key length");
    mac.update(string_to_sign.as_bytes());
    super::crypto::b64(&mac.finalize().into_bytes())
}

/// The signed GET URL that sends `code` to `phone`.
pub fn send_code_url(
    cfg: &AliyunConfig,
    phone: &str,
    code: &str,
    nonce: &str,
    timestamp: &str,
) -> String {
    send_template_url(
        cfg,
        &cfg.template_code,
        phone,
        &serde_json::json!({ "code": code }),
        nonce,
        timestamp,
    )
}

/// The signed GET URL that sends the approved template `template_code`,
/// filled with `params`, to `phone` (notices such as a training reminder).
pub fn send_template_url(
    cfg: &AliyunConfig,
    template_code: &str,
    phone: &str,
    params: &serde_json::Value,
    nonce: &str,
    timestamp: &str,
) -> String {
    let mut query = BTreeMap::new();
    for (k, v) in [
        ("AccessKeyId", cfg.access_key_id.as_str()),
        ("Action", "SendSms"),
        ("Format", "JSON"),
        ("PhoneNumbers", phone),
        ("RegionId", "cn-hangzhou"),
        ("SignName", cfg.sign_name.as_str()),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureNonce", nonce),
        ("SignatureVersion", "1.0"),
        ("TemplateCode", template_code),
        ("Timestamp", timestamp),
        ("Version", "2017-05-25"),
    ] {
        query.insert(k.to_string(), v.to_string());
    }
    query.insert("TemplateParam".into(), params.to_string());
    let sig = signature(&cfg.access_key_secret, &query);
    format!(
        "{ENDPOINT}?Signature={}&{}",
        percent_encode(&sig),
        canonical_query(&query)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example of Aliyun's SMS signature documentation.
    #[test]
    fn matches_the_documented_example() {
        let params: BTreeMap<String, String> = [
            ("AccessKeyId", "testId"),
            ("Action", "SendSms"),
            ("Format", "XML"),
            ("OutId", "123"),
            ("PhoneNumbers", "15300000001"),
            ("RegionId", "cn-hangzhou"),
            ("SignName", "阿里云短信测试专用"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466"),
            ("SignatureVersion", "1.0"),
            ("TemplateCode", "SMS_71390007"),
            ("TemplateParam", "{\"customer\":\"test\"}"),
            ("Timestamp", "2017-07-12T02:42:19Z"),
            ("Version", "2017-05-25"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert!(canonical_query(&params).starts_with("AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001&RegionId=cn-hangzhou&SignName=%E9%98%BF%E9%87%8C%E4%BA%91"));
        assert_eq!(
            signature("testSecret", &params),
            "zJDF+Lrzhj/ThnlvIToysFRq6t4="
        );
    }

    #[test]
    fn pop_encoding_rules() {
        assert_eq!(percent_encode("a b*c~d"), "a%20b%2Ac~d");
        assert_eq!(
            percent_encode("2017-07-12T02:42:19Z"),
            "2017-07-12T02%3A42%3A19Z"
        );
    }

    #[test]
    fn url_carries_the_code_and_signature() {
        let cfg = AliyunConfig {
            access_key_id: "id".into(),
            access_key_secret: "secret".into(),
            sign_name: "工友驿站".into(),
            template_code: "SMS_1".into(),
        };
        let url = send_code_url(
            &cfg,
            "13800000000",
            "123456",
            "nonce",
            "2025-01-01T00:00:00Z",
        );
        assert!(url.starts_with("https://dysmsapi.aliyuncs.com/?Signature="));
        assert!(url.contains("TemplateParam=%7B%22code%22%3A%22123456%22%7D"));
        assert!(url.contains("PhoneNumbers=13800000000"));
        let notice = send_template_url(
            &cfg,
            "SMS_2",
            "13800000000",
            &serde_json::json!({ "course": "家政" }),
            "nonce",
            "2025-01-01T00:00:00Z",
        );
        assert!(notice.contains("TemplateCode=SMS_2"));
        assert!(notice.contains("TemplateParam=%7B%22course%22%3A%22%E5%AE%B6%E6%94%BF%22%7D"));
    }
}
