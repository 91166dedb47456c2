//! Colours for text output, in one place.
//!
//! In: nothing. Out: a [`Theme`] of owo-colors styles that the text renderers look up:
//! [`Theme::ansi`] for a terminal, [`Theme::slides`] for a terminal on a projector (nothing
//! dimmed: dim text washes out there), and [`Theme::plain`], which writes no escape codes at all.

use owo_colors::Style;

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub heading: Style,
    pub state: Style,
    pub name: Style,
    pub ty: Style,
    /// Secondary text: captions, notes, hints.
    pub dim: Style,
    /// Why a value is kept, and what shares its bytes.
    pub reason: Style,
    pub warning: Style,
    pub error: Style,
    pub size: Style,
    /// The byte map's glyphs: `█` bytes every state keeps, `▒` bytes of this state only,
    /// `#` the tag, `░` padding.
    pub every_state: Style,
    pub this_state: Style,
    pub tag: Style,
    pub padding: Style,
}

impl Theme {
    pub fn plain() -> Theme {
        Theme {
            heading: Style::new(),
            state: Style::new(),
            name: Style::new(),
            ty: Style::new(),
            dim: Style::new(),
            reason: Style::new(),
            warning: Style::new(),
            error: Style::new(),
            size: Style::new(),
            every_state: Style::new(),
            this_state: Style::new(),
            tag: Style::new(),
            padding: Style::new(),
        }
    }

    /// For a terminal.
    pub fn ansi() -> Theme {
        Theme {
            heading: Style::new().bold(),
            state: Style::new().cyan().bold(),
            name: Style::new().yellow(),
            ty: Style::new().green(),
            dim: Style::new().dimmed(),
            reason: Style::new().dimmed(),
            warning: Style::new().yellow().bold(),
            error: Style::new().red().bold(),
            size: Style::new().magenta(),
            every_state: Style::new().blue(),
            this_state: Style::new().yellow(),
            tag: Style::new().magenta().bold(),
            padding: Style::new().bright_black(),
        }
    }

    /// For a terminal shown on a projector: bold, saturated colours and nothing dimmed, since
    /// dim (and dark grey) text washes out there. Reasons are in the normal text colour.
    pub fn slides() -> Theme {
        Theme {
            heading: Style::new().bold(),
            state: Style::new().blue().bold(),
            name: Style::new().magenta().bold(),
            ty: Style::new().green().bold(),
            dim: Style::new(),
            reason: Style::new(),
            warning: Style::new().yellow().bold(),
            error: Style::new().red().bold(),
            size: Style::new().magenta().bold(),
            every_state: Style::new().blue(),
            this_state: Style::new().red(),
            tag: Style::new().magenta().bold(),
            padding: Style::new(),
        }
    }

    pub fn paint(&self, style: Style, text: &str) -> String {
        format!("{}", owo_colors::OwoColorize::style(&text, style))
    }
}
