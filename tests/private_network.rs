//! The private-network rule, end to end over real sockets. A "public" site is served on
//! 127.0.0.2, which the test's classifier calls public; the private service it must not
//! reach listens on 127.0.0.1 and counts every connection it gets.

use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, Ipv4Addr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use zhprint::source::{classify, load_images, load_with, NetworkRule, Private};
use zhprint::Document;

/// An image the private service has (origin: tests/fixtures/images/README.md).
const CHART: &[u8] = include_bytes!("fixtures/images/chart-64x48.png");

const PUBLIC_HOST: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);

/// The real classifier, except that 127.0.0.2 stands for a public address.
fn public_site_on_127_0_0_2(ip: IpAddr) -> Option<Private> {
    if ip == IpAddr::V4(PUBLIC_HOST) {
        None
    } else {
        classify(ip)
    }
}

fn rule(allow_private: bool) -> NetworkRule {
    NetworkRule {
        allow_private,
        classify: public_site_on_127_0_0_2,
    }
}

fn article(body: &str) -> String {
    let text = "<p>2021年，太原市坚持以习近平法治思想为指导，全面推进法治政府建设，取得了新的进展和成效。</p>"
        .repeat(8);
    format!(
        "<html><head><meta charset=\"utf-8\"><title>关于2021年法治政府建设情况的报告</title></head><body>\
         <article><h1>关于2021年法治政府建设情况的报告</h1>{text}{body}{text}</article></body></html>"
    )
}

struct Server {
    /// `http://host:port`
    base: String,
    port: u16,
    requests: Arc<AtomicUsize>,
}

/// Serves `/page.html` (an article with `image` in it), `/chart.png`, and
/// `/go?to=URL` (a 302 to URL); counts connections.
fn serve(host: Ipv4Addr, image: String) -> Server {
    let listener = TcpListener::bind((host, 0)).expect("bind a loopback address");
    let port = listener.local_addr().expect("addr").port();
    let requests = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&requests);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            counted.fetch_add(1, Ordering::SeqCst);
            let image = image.clone();
            std::thread::spawn(move || {
                let _ = respond(stream, &image);
            });
        }
    });
    Server {
        base: format!("http://{host}:{port}"),
        port,
        requests,
    }
}

fn respond(mut stream: TcpStream, image: &str) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let reply = |status: &str, headers: &str, body: &[u8]| {
        let mut out = format!(
            "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        out
    };
    let page = article(&format!(
        "<figure><img src=\"{image}\"><figcaption>图1 办件量</figcaption></figure>"
    ));
    let response = match path.as_str() {
        "/page.html" => reply("200 OK", "Content-Type: text/html\r\n", page.as_bytes()),
        "/chart.png" => reply("200 OK", "Content-Type: image/png\r\n", CHART),
        p if p.starts_with("/go?to=") => {
            let location = format!("Location: {}\r\n", &p["/go?to=".len()..]);
            reply("302 Found", &location, b"")
        }
        _ => reply("404 Not Found", "", b""),
    };
    stream.write_all(&response)
}

/// A private service that must see no request, and a public site pointing at it.
fn public_site_and_private_service() -> (Server, Server) {
    let private = serve(Ipv4Addr::LOCALHOST, "/chart.png".into());
    let public = serve(PUBLIC_HOST, format!("{}/chart.png", private.base));
    (public, private)
}

/// The server's page, loaded under `rule`, extracted, with its images loaded: the
/// document, the image warnings, and the rule the page's own requests followed.
fn article_with_images(server: &Server, rule: NetworkRule) -> (Document, Vec<String>, NetworkRule) {
    let page = load_with(&format!("{}/page.html", server.base), rule).expect("page loads");
    let mut doc = zhprint::extract::extract(&page.text, page.url.as_ref()).expect("an article");
    let warnings = load_images(&mut doc, &page, false);
    (doc, warnings, page.network)
}

#[test]
fn a_public_pages_image_cannot_reach_a_private_address_and_the_page_still_converts() {
    let (public, private) = public_site_and_private_service();
    let (doc, warnings, _) = article_with_images(&public, rule(false));

    assert_eq!(
        private.requests.load(Ordering::SeqCst),
        0,
        "the private service was reached"
    );
    assert!(doc.images.is_empty());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let warning = &warnings[0];
    assert!(
        warning.contains(&format!("127.0.0.1:{}", private.port)),
        "{warning}"
    );
    assert!(warning.contains("loopback address"), "{warning}");
    assert!(warning.contains("--allow-private-network"), "{warning}");

    // The document converts without its image.
    let doc = zhprint::normalize::Normalizer::default().document(doc);
    let pdf = zhprint::render::pdf::render(&doc).expect("a PDF");
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    let docx = zhprint::render::docx::render(&doc).expect("a DOCX");
    assert!(docx.bytes.starts_with(b"PK"));
}

#[test]
fn allowing_the_private_network_lets_the_image_through() {
    let (public, private) = public_site_and_private_service();
    let (doc, warnings, _) = article_with_images(&public, rule(true));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(doc.images.len(), 1);
    assert_eq!(private.requests.load(Ordering::SeqCst), 1);
}

#[test]
fn a_page_from_a_private_address_gets_its_intranet_image() {
    let private = serve(Ipv4Addr::LOCALHOST, "/chart.png".into());
    let (doc, warnings, network) = article_with_images(&private, rule(false));
    assert!(network.allow_private);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(doc.images.len(), 1);
}

#[test]
fn a_redirect_into_the_private_network_fails_naming_the_input() {
    let (public, private) = public_site_and_private_service();
    let port = private.port;
    // The address as written, as a number, and as a name that resolves to it.
    for target in [
        format!("http://127.0.0.1:{port}/page.html"),
        format!("http://2130706433:{port}/page.html"),
        format!("http://[::ffff:127.0.0.1]:{port}/page.html"),
        format!("http://localhost:{port}/page.html"),
    ] {
        let input = format!("{}/go?to={target}", public.base);
        let error = load_with(&input, rule(false)).expect_err("refused");
        let message = error.to_string();
        assert!(message.contains(&input), "{message}");
        assert!(message.contains("refused to connect"), "{message}");
        assert!(message.contains("--allow-private-network"), "{message}");
    }
    assert_eq!(
        private.requests.load(Ordering::SeqCst),
        0,
        "the private service was reached"
    );

    // Allowed, the same redirect is followed.
    let input = format!("{}/go?to={}/page.html", public.base, private.base);
    let page = load_with(&input, rule(true)).expect("followed");
    assert!(page.text.contains("法治政府建设"));
}

#[test]
fn an_address_the_user_gives_is_theirs_to_give() {
    // The given URL itself may be private (an intranet archive); only what the page
    // causes is held to the rule.
    let private = serve(Ipv4Addr::LOCALHOST, "/chart.png".into());
    let input = format!("http://localhost:{}/page.html", private.port);
    assert!(load_with(&input, rule(false)).is_ok());
    assert_eq!(private.requests.load(Ordering::SeqCst), 1);
}
