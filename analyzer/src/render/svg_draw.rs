//! Drawing one future's picture from layout-rs's positions. layout-rs is used for placement and
//! edge routing only: it sees each node as a box of the size we ask for (a label of blank lines)
//! and each element carries a tag colour (`#01iiii` for node i's fill, `#02iiii` for edge i), so
//! this backend knows which box or curve is which and draws it itself: rounded boxes with a bold
//! title and monospace rows, arrowheads that always point forward, self-loops (kept out of the
//! layout) beside their node in space reserved for them, and a tight bounding box.
//!
//! In: a [`FutureView`], [`GraphOptions`] and layout-rs's draw calls. Out: SVG elements such as
//!
//! ```text
//! <rect x="20" y="0" width="180" height="57" rx="8" fill="#dbe9f7" stroke="#444444"/>
//! <text x="30" y="22" class="t">Suspend0</text>
//! <path d="M 110 57 C 110 87, 110 97, 110 127" stroke="#333333" marker-end="url(#end-333333)"/>
//! ```

use std::fmt::Write;

use layout::core::color::Color;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::StyleAttr;

use super::graph_view::{EdgeStyle, FutureView, GraphOptions, NodeView, Palette, RankDir};
use super::svg::xml;

/// Font sizes (px) of the drawing; the estimates below go with them.
pub const TITLE_PX: f64 = 16.0;
pub const TEXT_PX: f64 = 13.0;
/// Width of one character, generously estimated, for the fonts used (DejaVu Sans is wide).
const TITLE_CHAR: f64 = 10.5;
const TEXT_CHAR: f64 = 8.0;
const TITLE_LINE: f64 = 21.0;
const TEXT_LINE: f64 = 17.0;
const PAD: f64 = 10.0;
/// Horizontal room of a self-loop before its label.
const LOOP_W: f64 = 40.0;
const LOOP_BAND: f64 = 26.0;
/// The font size layout-rs is told for edge labels: its width estimate per character.
pub const EDGE_TAG_FONT: usize = 8;
/// The font size layout-rs is told for nodes: box size = lines × 10 by characters × 10, plus 10.
pub const NODE_TAG_FONT: usize = 10;

/// The size of a node's content, and the room its self-loops need.
#[derive(Clone, Copy, Debug)]
pub struct NodeBox {
    pub content_w: f64,
    pub content_h: f64,
    pub layout_w: f64,
    pub layout_h: f64,
}

pub fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * TEXT_CHAR
}

/// The boxes to ask layout-rs for, one per node of the view.
pub fn node_boxes(v: &FutureView, options: &GraphOptions) -> Vec<NodeBox> {
    v.nodes
        .iter()
        .map(|n| {
            let rows: Vec<String> = n.lines().into_iter().skip(1).collect();
            let content_w = (n.title.chars().count() as f64 * TITLE_CHAR)
                .max(rows.iter().map(|r| text_width(r)).fold(0.0, f64::max))
                + 2.0 * PAD;
            let content_h = TITLE_LINE + rows.len() as f64 * TEXT_LINE + 2.0 * PAD - 4.0;
            let loops: Vec<f64> = self_loops(v, n).iter().map(|i| text_width(&v.edges[*i].one_line())).collect();
            let (mut layout_w, mut layout_h) = (content_w, content_h);
            if !loops.is_empty() {
                let label = loops.iter().fold(0.0, |a: f64, b| a.max(*b));
                match options.rankdir {
                    RankDir::TopBottom => {
                        layout_w += LOOP_W + label + 8.0;
                        layout_h = layout_h.max(loops.len() as f64 * LOOP_BAND + 14.0);
                    }
                    RankDir::LeftRight => {
                        layout_h += loops.len() as f64 * LOOP_BAND + 10.0;
                        layout_w = layout_w.max(LOOP_W + 12.0 + label);
                    }
                }
            }
            NodeBox { content_w, content_h, layout_w, layout_h }
        })
        .collect()
}

/// The edges of the view that loop on this node.
pub fn self_loops(v: &FutureView, n: &NodeView) -> Vec<usize> {
    v.edges.iter().enumerate().filter(|(_, e)| e.from == n.id && e.to == n.id).map(|(i, _)| i).collect()
}

/// A layout-rs label of blank lines that makes a box of (at least) this size.
pub fn blank_label(w: f64, h: f64) -> String {
    let font = NODE_TAG_FONT as f64;
    let cols = ((w - 10.0) / font).ceil().max(1.0) as usize;
    let rows = ((h - 10.0) / font).ceil().max(1.0) as usize;
    vec![".".repeat(cols); rows].join("\\n")
}

pub fn node_tag(i: usize) -> String {
    format!("#01{:04x}", i & 0xffff)
}

pub fn edge_tag(i: usize) -> String {
    format!("#02{:04x}", i & 0xffff)
}

/// The tag a colour carries: `(kind, index)`.
fn tag(color: &Color) -> Option<(u32, usize)> {
    let web = color.to_web_color();
    let rgba = u32::from_str_radix(web.trim_start_matches('#'), 16).ok()?;
    let rgb = rgba >> 8;
    Some((rgb >> 16, (rgb & 0xffff) as usize))
}

#[derive(Clone, Copy, Debug)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

/// layout-rs's draw calls, kept by tag.
#[derive(Default)]
pub struct Canvas {
    nodes: Vec<(usize, Rect)>,
    edges: Vec<(usize, Vec<[Point; 4]>)>,
    labels: Vec<(String, Point)>,
}

impl RenderBackend for Canvas {
    fn draw_rect(&mut self, xy: Point, size: Point, look: &StyleAttr, _: Option<String>, _: Option<ClipHandle>) {
        if let Some((1, i)) = look.fill_color.as_ref().and_then(tag) {
            self.nodes.push((i, Rect { x: xy.x, y: xy.y, w: size.x, h: size.y }));
        }
    }

    fn draw_line(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}

    fn draw_circle(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}

    // Edge labels are known by their text: layout-rs does not always keep the edge's colour
    // on them. Node labels are blank lines of dots, and not drawn.
    fn draw_text(&mut self, xy: Point, text: &str, _: &StyleAttr) {
        if !text.starts_with('.') {
            self.labels.push((text.to_string(), xy));
        }
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        _: bool,
        head: (bool, bool),
        look: &StyleAttr,
        _: Option<String>,
        _: &str,
    ) {
        let Some((2, i)) = tag(&look.line_color) else { return };
        let mut segments = cubics(path);
        // A reversed back edge carries its head at the start: turn it around.
        if head.0 && !head.1 {
            segments.reverse();
            for s in &mut segments {
                s.reverse();
            }
        }
        self.edges.push((i, segments));
    }

    fn create_clip(&mut self, _: Point, _: Point, _: usize) -> ClipHandle {
        0
    }
}

/// layout-rs's path (`M p C c c p S c p ...`) as explicit cubic segments.
fn cubics(path: &[(Point, Point)]) -> Vec<[Point; 4]> {
    let mut out: Vec<[Point; 4]> = Vec::new();
    if path.len() < 2 {
        return out;
    }
    out.push([path[0].0, path[0].1, path[1].0, path[1].1]);
    for pair in &path[2..] {
        let Some(prev) = out.last().copied() else { break };
        let start = prev[3];
        let reflected = Point::new(2.0 * start.x - prev[2].x, 2.0 * start.y - prev[2].y);
        out.push([start, reflected, pair.0, pair.1]);
    }
    out
}

/// One future's finished drawing, in its own coordinates from (0, 0).
pub struct Drawing {
    pub width: f64,
    pub height: f64,
    pub body: String,
}

impl Canvas {
    pub fn finish(&self, v: &FutureView, boxes: &[NodeBox], options: &GraphOptions) -> Option<Drawing> {
        if self.nodes.len() != v.nodes.len() {
            return None;
        }
        let p = Palette::of(options.theme);
        let mut items = Items::default();
        // The drawn box of each node: its content, inside the room layout-rs made.
        let mut drawn: Vec<Rect> = vec![Rect { x: 0.0, y: 0.0, w: 0.0, h: 0.0 }; v.nodes.len()];
        for &(i, r) in &self.nodes {
            let b = boxes.get(i)?;
            drawn[i] = match options.rankdir {
                RankDir::TopBottom => Rect { x: r.x, y: r.y, w: b.content_w.min(r.w), h: r.h },
                RankDir::LeftRight => Rect { x: r.x, y: r.y, w: r.w, h: b.content_h.min(r.h) },
            };
        }
        for &(i, segments) in &self.edges.iter().map(|(i, s)| (*i, s)).collect::<Vec<_>>() {
            let e = v.edges.get(i)?;
            let mut segments = segments.clone();
            if let (Some(first), Some(last)) = (segments.first().copied(), segments.last().copied()) {
                let from = v.nodes.iter().position(|n| n.id == e.from)?;
                let to = v.nodes.iter().position(|n| n.id == e.to)?;
                let start = clamp(first[0], drawn[from]);
                let end = clamp(last[3], drawn[to]);
                if let Some(s) = segments.first_mut() {
                    s[0] = start;
                }
                if let Some(s) = segments.last_mut() {
                    s[3] = end;
                }
            }
            items.edge(&segments, e.style, &p);
        }
        let mut unused: Vec<usize> = (0..v.edges.len()).collect();
        for (text, at) in &self.labels {
            let Some(k) = unused.iter().position(|i| one_line(&v.edges[*i].label_lines().join("\n")) == one_line(text))
            else {
                continue;
            };
            let e = &v.edges[unused.remove(k)];
            let lines = e.label_lines();
            let top = at.y - (lines.len() as f64 - 1.0) * TEXT_LINE / 2.0 + 4.0;
            for (j, line) in lines.iter().enumerate() {
                let class = if j == 0 { "l" } else { "n" };
                let fill = if j == 0 { p.edge(e.style) } else { p.dim_text };
                items.text(at.x, top + j as f64 * TEXT_LINE, line, class, Some(fill), Anchor::Middle);
            }
        }
        for (i, n) in v.nodes.iter().enumerate() {
            items.node(n, drawn[i], &p);
            for (k, e) in self_loops(v, n).into_iter().enumerate() {
                let count = self_loops(v, n).len();
                items.self_loop(drawn[i], k, count, &v.edges[e].one_line(), v.edges[e].style, &p, options.rankdir);
            }
        }
        Some(items.finish())
    }
}

/// Text with line breaks and other control characters as spaces, to compare labels.
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Moves a point onto the box when it lies outside (a box drawn smaller than layout-rs's).
fn clamp(pt: Point, r: Rect) -> Point {
    Point::new(pt.x.clamp(r.x, r.x + r.w), pt.y.clamp(r.y, r.y + r.h))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Start,
    Middle,
}

/// SVG elements with their bounding box.
#[derive(Default)]
struct Items {
    body: String,
    min: (f64, f64),
    max: (f64, f64),
    any: bool,
}

impl Items {
    fn grow(&mut self, x: f64, y: f64) {
        if !self.any {
            self.min = (x, y);
            self.max = (x, y);
            self.any = true;
        }
        self.min = (self.min.0.min(x), self.min.1.min(y));
        self.max = (self.max.0.max(x), self.max.1.max(y));
    }

    fn text(&mut self, x: f64, y: f64, text: &str, class: &str, fill: Option<&str>, anchor: Anchor) {
        let w = if class == "t" { text.chars().count() as f64 * TITLE_CHAR } else { text_width(text) };
        let (x0, x1) = match anchor {
            Anchor::Start => (x, x + w),
            Anchor::Middle => (x - w / 2.0, x + w / 2.0),
        };
        self.grow(x0, y - 10.0);
        self.grow(x1, y + 10.0);
        let anchor = if anchor == Anchor::Middle { " text-anchor=\"middle\"" } else { "" };
        let fill = fill.map(|f| format!(" fill=\"{f}\"")).unwrap_or_default();
        let _ = writeln!(
            self.body,
            "<text x=\"{}\" y=\"{}\" class=\"{class}\"{anchor}{fill}>{}</text>",
            num(x),
            num(y),
            xml(text)
        );
    }

    fn node(&mut self, n: &NodeView, r: Rect, p: &Palette) {
        self.grow(r.x, r.y);
        self.grow(r.x + r.w, r.y + r.h);
        let _ = writeln!(self.body, "<g class=\"fl-node\" data-state=\"{}\">", n.id.name());
        let _ = writeln!(
            self.body,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.2\"/>",
            num(r.x),
            num(r.y),
            num(r.w),
            num(r.h),
            p.fill(n.id),
            p.border
        );
        let lines = n.lines();
        let content_h = TITLE_LINE + (lines.len() - 1) as f64 * TEXT_LINE;
        let mut y = r.y + (r.h - content_h) / 2.0 + 15.0;
        let x = r.x + PAD;
        self.text(x, y, &n.title, "t", None, Anchor::Start);
        y += TITLE_LINE;
        if let Some(sub) = &n.subtitle {
            self.text(x, y, sub, "s", Some(p.dim_text), Anchor::Start);
            y += TEXT_LINE;
        }
        for row in &n.rows {
            self.text(x, y, row, "m", None, Anchor::Start);
            y += TEXT_LINE;
        }
        if let Some(size) = &n.size {
            self.text(x, y, size, "s", None, Anchor::Start);
        }
        self.body.push_str("</g>\n");
    }

    fn edge(&mut self, segments: &[[Point; 4]], style: EdgeStyle, p: &Palette) {
        let Some(first) = segments.first() else { return };
        let mut d = format!("M {} {}", num(first[0].x), num(first[0].y));
        for s in segments {
            for pt in s {
                self.grow(pt.x, pt.y);
            }
            let _ = write!(
                d,
                " C {} {}, {} {}, {} {}",
                num(s[1].x),
                num(s[1].y),
                num(s[2].x),
                num(s[2].y),
                num(s[3].x),
                num(s[3].y)
            );
        }
        self.path(&d, style, p);
    }

    fn path(&mut self, d: &str, style: EdgeStyle, p: &Palette) {
        let colour = p.edge(style);
        let width = match style {
            EdgeStyle::BackEdge | EdgeStyle::EarlyExit => 2.2,
            _ => 1.4,
        };
        let dash = match style {
            EdgeStyle::Panic => " stroke-dasharray=\"6,4\"",
            EdgeStyle::Pending => " stroke-dasharray=\"2,3\"",
            _ => "",
        };
        let _ = writeln!(
            self.body,
            "<path d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\"{dash} marker-end=\"url(#end-{})\"/>",
            colour.trim_start_matches('#')
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn self_loop(&mut self, r: Rect, k: usize, count: usize, label: &str, style: EdgeStyle, p: &Palette, dir: RankDir) {
        match dir {
            RankDir::TopBottom => {
                let x = r.x + r.w;
                let yc = r.y + r.h * (k as f64 + 1.0) / (count as f64 + 1.0);
                let d = format!(
                    "M {} {} C {} {}, {} {}, {} {}",
                    num(x),
                    num(yc - 6.0),
                    num(x + 34.0),
                    num(yc - 22.0),
                    num(x + 34.0),
                    num(yc + 22.0),
                    num(x + 1.0),
                    num(yc + 6.0)
                );
                self.grow(x + 34.0, yc - 22.0);
                self.grow(x + 34.0, yc + 22.0);
                self.path(&d, style, p);
                self.text(x + LOOP_W, yc + 4.0, label, "l", Some(p.edge(style)), Anchor::Start);
            }
            RankDir::LeftRight => {
                let y = r.y + r.h;
                let depth = 16.0 + k as f64 * LOOP_BAND;
                let (x0, x1) = (r.x + 14.0, r.x + 30.0);
                let d = format!(
                    "M {} {} C {} {}, {} {}, {} {}",
                    num(x0),
                    num(y),
                    num(x0 - 8.0),
                    num(y + depth),
                    num(x1 + 8.0),
                    num(y + depth),
                    num(x1),
                    num(y + 1.0)
                );
                self.grow(x0 - 8.0, y + depth);
                self.path(&d, style, p);
                self.text(x1 + 14.0, y + depth - 2.0, label, "l", Some(p.edge(style)), Anchor::Start);
            }
        }
    }

    /// The elements moved so the picture starts at (0, 0).
    fn finish(self) -> Drawing {
        let (dx, dy) = (-self.min.0, -self.min.1);
        let body = format!("<g transform=\"translate({},{})\">\n{}</g>\n", num(dx), num(dy), self.body);
        Drawing { width: self.max.0 - self.min.0, height: self.max.1 - self.min.1, body }
    }
}

/// A coordinate with at most one decimal, for small deterministic files.
pub fn num(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r == r.trunc() { format!("{}", r as i64) } else { format!("{r:.1}") }
}
