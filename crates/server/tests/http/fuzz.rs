//! Random and malformed JSON to every endpoint the server has, as a guest and as an
//! admin: every answer is a 4xx or a 2xx, never a 5xx, and the log never shows a
//! panic. The inputs come from a fixed seed, so a failure replays.

use serde_json::{Map, Value, json};

use crate::support::Server;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn text(&mut self) -> String {
        const PIECES: &[&str] = &[
            "",
            "a",
            "燕麦拿铁",
            "<script>alert(1)</script>",
            "\u{0}",
            "\u{202e}",
            "' OR 1=1 --",
            "new",
            "planned",
            "critical",
            "internal",
            "00000000-0000-0000-0000-000000000000",
            "../../etc/passwd",
            "%00",
            "🙂",
            "\n\r\t",
        ];
        let mut s = String::new();
        for _ in 0..self.below(4) {
            s.push_str(PIECES[self.below(PIECES.len() as u64) as usize]);
        }
        if self.below(20) == 0 {
            s.push_str(&"x".repeat(20_000));
        }
        s
    }

    /// A random JSON value, nested up to `depth`; objects use the contract's own
    /// field names half the time, so requests get past the outer parse.
    fn value(&mut self, depth: u32, fields: &[&str]) -> Value {
        match self.below(if depth == 0 { 5 } else { 8 }) {
            0 => Value::Null,
            1 => Value::Bool(self.below(2) == 0),
            2 => json!(
                [i64::MIN, -1, 0, 1, 7, i64::MAX, i64::from(u32::MAX)][self.below(7) as usize]
            ),
            3 => json!(self.next() as f64 / 3.0),
            4 => Value::String(self.text()),
            5 => Value::Array(
                (0..self.below(4))
                    .map(|_| self.value(depth - 1, fields))
                    .collect(),
            ),
            _ => {
                let mut object = Map::new();
                for _ in 0..self.below(5) {
                    let key = if !fields.is_empty() && self.below(2) == 0 {
                        ideaboard_api::generate::camel_case(
                            fields[self.below(fields.len() as u64) as usize],
                        )
                    } else {
                        self.text()
                    };
                    object.insert(key, self.value(depth - 1, fields));
                }
                Value::Object(object)
            }
        }
    }
}

/// Bodies no parser should choke on.
const MALFORMED: &[&[u8]] = &[
    b"",
    b"{",
    b"}",
    b"nul",
    b"{\"a\":}",
    b"\xff\xfe\xfd",
    b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    b"1e999999",
    b"\"\\ud800\"",
];

#[test]
fn no_body_to_any_endpoint_gets_a_5xx_or_a_panic() {
    let server = Server::start(&[]);
    let admin = server.admin("ada@brand.example");
    let mut rng = Rng(0x1dea_b0a2_d5ee_d001);
    let mut paths: Vec<(String, Vec<&str>)> = ideaboard_api::commands::ALL
        .iter()
        .map(|c| {
            let fields = c
                .request
                .as_ref()
                .map(|r| r.fields.iter().map(|(f, _)| *f).collect());
            (format!("/api/{}", c.name), fields.unwrap_or_default())
        })
        .collect();
    for auth in [
        "sign_up",
        "sign_in",
        "sign_out",
        "sessions",
        "sessions/revoke",
        "change_password",
        "reset_password",
    ] {
        let fields = vec![
            "email",
            "password",
            "display_name",
            "bearer",
            "id",
            "invitation",
            "token",
            "current_password",
            "new_password",
        ];
        paths.push((format!("/api/auth/{auth}"), fields));
    }
    let mut sent = 0;
    for (path, fields) in &paths {
        for (i, who) in [None, Some(admin.as_str())].into_iter().enumerate() {
            let mut headers = vec![("Content-Type", "application/json")];
            if let Some(token) = who {
                headers.push(("Authorization", token));
            }
            let mut bodies: Vec<Vec<u8>> = MALFORMED.iter().map(|b| b.to_vec()).collect();
            for _ in 0..(6 + i * 6) {
                bodies.push(rng.value(3, fields).to_string().into_bytes());
            }
            for body in bodies {
                let reply = server.request("POST", path, &headers, &body);
                sent += 1;
                assert!(
                    reply.status < 500,
                    "{path} {:?} -> {} {}",
                    String::from_utf8_lossy(&body),
                    reply.status,
                    String::from_utf8_lossy(&reply.body)
                );
            }
        }
    }
    assert!(sent > 1000, "{sent} requests");
    assert_eq!(server.request("GET", "/healthz", &[], b"").status, 200);
    let (status, log) = server.stop();
    assert!(status.success(), "{log}");
    assert!(!log.contains("panicked"), "{log}");
}
