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
/// Horizontal room of a self-loop before its label, and how far its curve reaches.
const LOOP_W: f64 = 56.0;
const LOOP_REACH: f64 = 62.0;
/// Depth added by each further self-loop under a node (left to right).
const LOOP_BAND: f64 = 58.0;
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
            let loops: Vec<(f64, f64)> =
                self_loops(v, n).iter().map(|i| label_size(&v.edges[*i].label_lines())).collect();
            let (mut layout_w, mut layout_h) = (content_w, content_h);
            if !loops.is_empty() {
                let label_w = loops.iter().fold(0.0, |a: f64, b| a.max(b.0));
                let label_h = loops.iter().fold(0.0, |a: f64, b| a.max(b.1));
                match options.rankdir {
                    RankDir::TopBottom => {
                        layout_w += LOOP_W + label_w + 10.0;
                        layout_h = layout_h.max(loops.len() as f64 * (label_h.max(46.0) + 10.0) + 14.0);
                    }
                    RankDir::LeftRight => {
                        layout_h += loops.len() as f64 * LOOP_BAND + 36.0;
                        layout_w = layout_w.max(58.0 + label_w);
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

impl Rect {
    fn grown(self, by: f64) -> Rect {
        Rect { x: self.x - by, y: self.y - by, w: self.w + 2.0 * by, h: self.h + 2.0 * by }
    }

    fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }

    fn contains(&self, pt: Point) -> bool {
        pt.x > self.x && pt.x < self.x + self.w && pt.y > self.y && pt.y < self.y + self.h
    }

    fn distance(&self, pt: Point) -> f64 {
        let dx = (self.x - pt.x).max(pt.x - (self.x + self.w)).max(0.0);
        let dy = (self.y - pt.y).max(pt.y - (self.y + self.h)).max(0.0);
        (dx * dx + dy * dy).sqrt()
    }
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
        let mut routed: Vec<(usize, Vec<[Point; 4]>)> = Vec::new();
        for (i, segments) in &self.edges {
            let e = v.edges.get(*i)?;
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
            routed.push((*i, segments));
        }
        // What a label must not cover: nodes, every edge, self-loops and the labels placed.
        let mut obstacles = Obstacles::default();
        for r in &drawn {
            obstacles.boxes.push(r.grown(4.0));
        }
        for (i, segments) in &routed {
            obstacles.points.extend(sample(segments).into_iter().map(|pt| (pt, *i)));
        }
        let mut loops: Vec<(usize, Vec<[Point; 4]>, Rect)> = Vec::new();
        for (n_index, n) in v.nodes.iter().enumerate() {
            let mine = self_loops(v, n);
            for (k, &e) in mine.iter().enumerate() {
                let lines = v.edges[e].label_lines();
                let (curve, label) = loop_geometry(drawn[n_index], k, mine.len(), &lines, options.rankdir);
                obstacles.points.extend(sample(std::slice::from_ref(&curve)).into_iter().map(|pt| (pt, e)));
                loops.push((e, vec![curve], label));
            }
        }
        // A self-loop's label goes in the room reserved beside its loop, or, if an edge
        // crosses that, just above, below or further out.
        for (_, curve, label) in &mut loops {
            let r = *label;
            let path = sample(curve);
            let hint = Point::new(r.x + r.w / 2.0, r.y + r.h / 2.0);
            *label =
                if obstacles.hits(r, None) == 0 { r } else { place_label(&path, Some(hint), r.w, r.h, &obstacles) };
            obstacles.boxes.push(label.grown(3.0));
        }
        let mut labels: Vec<(usize, Rect, Vec<String>)> = Vec::new();
        // A panic edge has no label: the key says what dashed red means.
        // The widest labels have the fewest places to go: they choose first.
        let mut order: Vec<&(usize, Vec<[Point; 4]>)> =
            routed.iter().filter(|(i, _)| v.edges[*i].style != EdgeStyle::Panic).collect();
        order.sort_by(|a, b| {
            label_size(&v.edges[b.0].label_lines()).0.total_cmp(&label_size(&v.edges[a.0].label_lines()).0)
        });
        for (i, segments) in order {
            let lines = v.edges[*i].label_lines();
            let path = sample(segments);
            let hint = self.labels.iter().find(|(t, _)| one_line(t) == one_line(&lines.join("\n"))).map(|(_, at)| *at);
            // Where the whole label finds no free room near its edge, its first line may.
            let (w, h) = label_size(&lines);
            let (spot, lines) = match spot(&path, hint, w, h, &obstacles) {
                Ok(r) => (r, lines),
                Err(best) => {
                    let first = lines[..1].to_vec();
                    let (w1, h1) = label_size(&first);
                    match spot(&path, None, w1, h1, &obstacles) {
                        Ok(r) => (r, first),
                        // Last, the label on its own edge, over it, where it touches no other.
                        Err(_) => {
                            match (on_edge(&path, *i, w, h, &obstacles), on_edge(&path, *i, w1, h1, &obstacles)) {
                                (Some(r), _) => (r, lines),
                                (None, Some(r)) => (r, first),
                                (None, None) => (best, lines),
                            }
                        }
                    }
                }
            };
            obstacles.boxes.push(spot.grown(3.0));
            labels.push((*i, spot, lines));
        }
        for (i, segments) in &routed {
            items.edge(*i, segments, v.edges[*i].style, &p);
        }
        for (i, n) in v.nodes.iter().enumerate() {
            items.node(n, drawn[i], &p);
        }
        for (e, curve, label) in &loops {
            items.self_loop(*e, &curve[0], v.edges[*e].style, &p);
            items.label(*e, *label, &v.edges[*e].label_lines(), v.edges[*e].style, &p);
        }
        for (i, spot, lines) in &labels {
            items.label(*i, *spot, lines, v.edges[*i].style, &p);
        }
        Some(items.finish())
    }
}

/// Room a label of these lines takes.
fn label_size(lines: &[String]) -> (f64, f64) {
    let w = lines.iter().map(|l| text_width(l)).fold(0.0, f64::max) + 6.0;
    (w, lines.len() as f64 * TEXT_LINE + 4.0)
}

/// What labels avoid: boxes (nodes, other labels) and points along every curve.
#[derive(Default)]
struct Obstacles {
    boxes: Vec<Rect>,
    /// Points of curves, each with the edge it belongs to.
    points: Vec<(Point, usize)>,
}

impl Obstacles {
    /// How many obstacles a label at `r` would touch (the points of edge `own` aside).
    fn hits(&self, r: Rect, own: Option<usize>) -> usize {
        let inner = r.grown(2.0);
        self.boxes.iter().filter(|b| b.overlaps(&inner)).count()
            + self.points.iter().filter(|(pt, e)| Some(*e) != own && inner.contains(*pt)).count()
    }
}

/// Points along cubic segments, a few pixels apart.
pub fn sample(segments: &[[Point; 4]]) -> Vec<Point> {
    let mut out = Vec::new();
    for s in segments {
        let hull = (0..3).map(|k| ((s[k + 1].x - s[k].x).powi(2) + (s[k + 1].y - s[k].y).powi(2)).sqrt()).sum::<f64>();
        let n = (hull / 3.0).ceil().clamp(2.0, 400.0) as usize;
        for j in 0..=n {
            out.push(bezier(s, j as f64 / n as f64));
        }
    }
    out
}

fn bezier(s: &[Point; 4], t: f64) -> Point {
    let u = 1.0 - t;
    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    Point::new(a * s[0].x + b * s[1].x + c * s[2].x + d * s[3].x, a * s[0].y + b * s[1].y + c * s[2].y + d * s[3].y)
}

/// Where an edge's label goes: beside its own curve, near the middle first, on the side and
/// at the distance that touch nothing; layout-rs's own spot is tried first when it is that
/// close. If every spot touches something, the one that touches least.
fn place_label(path: &[Point], hint: Option<Point>, w: f64, h: f64, obstacles: &Obstacles) -> Rect {
    spot(path, hint, w, h, obstacles).unwrap_or_else(|best| best)
}

/// The first free spot near the path, or `Err` with the spot that touches least.
fn spot(path: &[Point], hint: Option<Point>, w: f64, h: f64, obstacles: &Obstacles) -> Result<Rect, Rect> {
    let mut candidates: Vec<Rect> = Vec::new();
    if let Some(at) = hint {
        let r = Rect { x: at.x - w / 2.0, y: at.y - h / 2.0, w, h };
        if path.iter().any(|pt| r.distance(*pt) <= LABEL_NEAR) {
            candidates.push(r);
        }
    }
    let n = path.len();
    if n >= 2 {
        // From the middle outwards: 0.5, 0.46, 0.54, 0.42, ...
        let fracs = (0..=20).map(|k| 0.5 + if k % 2 == 1 { -1.0 } else { 1.0 } * ((k + 1) / 2) as f64 * 0.04);
        for frac in fracs {
            let k = ((n - 1) as f64 * frac).round() as usize;
            let (a, b) = (path[k.saturating_sub(2)], path[(k + 2).min(n - 1)]);
            let (dx, dy) = (b.x - a.x, b.y - a.y);
            let len = (dx * dx + dy * dy).sqrt().max(1e-6);
            let (nx, ny) = (-dy / len, dx / len);
            let at = path[k];
            for gap in [4.0, 9.0, 14.0] {
                for side in [1.0, -1.0] {
                    let reach = (nx.abs() * w + ny.abs() * h) / 2.0 + gap;
                    let (cx, cy) = (at.x + side * nx * reach, at.y + side * ny * reach);
                    candidates.push(Rect { x: cx - w / 2.0, y: cy - h / 2.0, w, h });
                }
            }
            // Or with a corner next to the curve, in each quadrant around it.
            for gap in [5.0, 10.0] {
                for (sx, sy) in [(1.0, 1.0), (1.0, -1.0), (-1.0, 1.0), (-1.0, -1.0)] {
                    let x = if sx > 0.0 { at.x + gap } else { at.x - gap - w };
                    let y = if sy > 0.0 { at.y + gap } else { at.y - gap - h };
                    candidates.push(Rect { x, y, w, h });
                }
            }
        }
    }
    let near = |r: &Rect| path.iter().map(|pt| r.distance(*pt)).fold(f64::INFINITY, f64::min);
    let mut best: Option<(usize, f64, Rect)> = None;
    for r in candidates {
        let distance = near(&r);
        let hits = obstacles.hits(r, None);
        if hits == 0 && distance <= LABEL_NEAR {
            return Ok(r);
        }
        let worse = |b: &(usize, f64, Rect)| (hits, distance > LABEL_NEAR) < (b.0, b.1 > LABEL_NEAR);
        if best.as_ref().is_none_or(worse) {
            best = Some((hits, distance, r));
        }
    }
    Err(best.map(|(_, _, r)| r).unwrap_or(Rect { x: 0.0, y: 0.0, w, h }))
}

/// A spot for a label centred on its own edge, touching nothing else, middle first.
fn on_edge(path: &[Point], own: usize, w: f64, h: f64, obstacles: &Obstacles) -> Option<Rect> {
    let n = path.len();
    (0..=40)
        .map(|k| 0.5 + if k % 2 == 1 { -1.0 } else { 1.0 } * ((k + 1) / 2) as f64 * 0.02)
        .map(|frac| path[((n.max(1) - 1) as f64 * frac).round() as usize])
        .map(|at| Rect { x: at.x - w / 2.0, y: at.y - h / 2.0, w, h })
        .find(|r| obstacles.hits(*r, Some(own)) == 0)
}

/// The farthest a label may sit from its edge (px).
pub const LABEL_NEAR: f64 = 16.0;

/// A self-loop's curve and the box of its label: beside the node's right side (top to
/// bottom) or under it (left to right), `k` of `count`.
fn loop_geometry(r: Rect, k: usize, count: usize, lines: &[String], dir: RankDir) -> ([Point; 4], Rect) {
    let (w, h) = label_size(lines);
    match dir {
        RankDir::TopBottom => {
            let x = r.x + r.w;
            let yc = r.y + r.h * (k as f64 + 1.0) / (count as f64 + 1.0);
            let half = (r.h / (2.0 * (count as f64 + 1.0))).clamp(9.0, 16.0);
            let curve = [
                Point::new(x, yc - half),
                Point::new(x + LOOP_REACH, yc - half - 16.0),
                Point::new(x + LOOP_REACH, yc + half + 16.0),
                Point::new(x + 1.0, yc + half),
            ];
            (curve, Rect { x: x + LOOP_W, y: yc - h / 2.0, w, h })
        }
        RankDir::LeftRight => {
            let y = r.y + r.h;
            let depth = 42.0 + k as f64 * LOOP_BAND;
            let (x0, x1) = (r.x + 14.0, r.x + 40.0);
            let curve = [
                Point::new(x0, y),
                Point::new(x0 - 12.0, y + depth),
                Point::new(x1 + 12.0, y + depth),
                Point::new(x1, y + 1.0),
            ];
            (curve, Rect { x: x1 + 10.0, y: y + depth * 0.75 - h / 2.0, w, h })
        }
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

    fn edge(&mut self, index: usize, segments: &[[Point; 4]], style: EdgeStyle, p: &Palette) {
        let Some(first) = segments.first() else { return };
        let mut d = format!("M {} {}", num(first[0].x), num(first[0].y));
        for s in segments {
            for pt in s {
                self.grow(pt.x, pt.y);
            }
            d.push_str(&cubic(s));
        }
        self.path(&d, index, "fl-edge", style, p);
    }

    fn path(&mut self, d: &str, index: usize, class: &str, style: EdgeStyle, p: &Palette) {
        let colour = p.edge(style);
        let width = match style {
            EdgeStyle::BackEdge | EdgeStyle::EarlyExit => 2.2,
            EdgeStyle::Pending => 1.6,
            _ => 1.4,
        };
        let dash = match style {
            EdgeStyle::Panic => " stroke-dasharray=\"6,4\"",
            EdgeStyle::Pending => " stroke-dasharray=\"3,3\"",
            _ => "",
        };
        let _ = writeln!(
            self.body,
            "<path class=\"{class}\" data-edge=\"{index}\" d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\"{dash} marker-end=\"url(#end-{})\"/>",
            colour.trim_start_matches('#')
        );
    }

    fn self_loop(&mut self, index: usize, s: &[Point; 4], style: EdgeStyle, p: &Palette) {
        for pt in sample(std::slice::from_ref(s)) {
            self.grow(pt.x, pt.y);
        }
        let d = format!("M {} {}{}", num(s[0].x), num(s[0].y), cubic(s));
        self.path(&d, index, "fl-loop", style, p);
    }

    /// An edge's label: its lines on a ground of the background's colour, in a group that
    /// names the edge.
    fn label(&mut self, index: usize, r: Rect, lines: &[String], style: EdgeStyle, p: &Palette) {
        self.grow(r.x, r.y);
        self.grow(r.x + r.w, r.y + r.h);
        let _ = writeln!(
            self.body,
            "<g class=\"fl-elabel\" data-edge=\"{index}\"><rect class=\"fl-lbox\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" fill-opacity=\"0.85\"/>",
            num(r.x),
            num(r.y),
            num(r.w),
            num(r.h),
            p.background
        );
        for (j, line) in lines.iter().enumerate() {
            let class = if j == 0 { "l" } else { "n" };
            let fill = if j == 0 { p.edge(style) } else { p.dim_text };
            let y = r.y + 2.0 + 13.0 + j as f64 * TEXT_LINE;
            let _ = writeln!(
                self.body,
                "<text x=\"{}\" y=\"{}\" class=\"{class}\" text-anchor=\"middle\" fill=\"{fill}\">{}</text>",
                num(r.x + r.w / 2.0),
                num(y),
                xml(line)
            );
        }
        self.body.push_str("</g>\n");
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

/// ` C x1 y1, x2 y2, x3 y3`: the path command of a cubic segment from `s[0]`.
fn cubic(s: &[Point; 4]) -> String {
    format!(" C {} {}, {} {}, {} {}", num(s[1].x), num(s[1].y), num(s[2].x), num(s[2].y), num(s[3].x), num(s[3].y))
}
