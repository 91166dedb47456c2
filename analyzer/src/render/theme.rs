//! Colours for text output, in one place.
//!
//! In: nothing. Out: a [`Theme`] of owo-colors styles that the text renderer looks up; the plain
//! theme writes no escape codes at all.

use owo_colors::Style;

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub heading: Style,
    pub state: Style,
    pub name: Style,
    pub ty: Style,
    pub dim: Style,
    pub warning: Style,
    pub error: Style,
    pub size: Style,
}

impl Theme {
    pub fn plain() -> Theme {
        Theme {
            heading: Style::new(),
            state: Style::new(),
            name: Style::new(),
            ty: Style::new(),
            dim: Style::new(),
            warning: Style::new(),
            error: Style::new(),
            size: Style::new(),
        }
    }

    pub fn ansi() -> Theme {
        Theme {
            heading: Style::new().bold(),
            state: Style::new().cyan().bold(),
            name: Style::new().yellow(),
            ty: Style::new().green(),
            dim: Style::new().dimmed(),
            warning: Style::new().yellow().bold(),
            error: Style::new().red().bold(),
            size: Style::new().magenta(),
        }
    }

    pub fn paint(&self, style: Style, text: &str) -> String {
        format!("{}", owo_colors::OwoColorize::style(&text, style))
    }
}
