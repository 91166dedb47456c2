//@ edition: 2021
//! Captures through shared references (in both editions): a shared use of a place behind a
//! shared reference captures the place just behind the last such reference (`self.name` and
//! `self.n` capture `*self` once; `self.cfg.a` captures `*self.cfg`; `url.len()` with `url:
//! &&str` captures `**url`, 16 bytes); a reference passed where a reference is expected is
//! reborrowed (`up(url)` captures `*url`), one passed to a generic parameter is not; a mutable
//! use through `&mut self` keeps the precise places.
pub struct Board {
    pub name: String,
    pub n: u64,
    pub cfg: &'static Cfg,
}
pub struct Cfg {
    pub a: String,
    pub b: u32,
}
async fn leaf() {}
async fn up(s: &str) -> usize {
    s.len()
}
fn generic<T>(t: T) -> T {
    t
}
impl Board {
    pub async fn fields(&self) -> usize {
        let b = async {
            leaf().await;
            self.name.len() + self.n as usize
        };
        b.await
    }
    pub async fn behind_two(&self) -> usize {
        let b = async {
            leaf().await;
            self.cfg.a.len() + self.cfg.b as usize
        };
        b.await
    }
    pub async fn mutable(&mut self) -> usize {
        let b = async {
            leaf().await;
            self.name.push('x');
            self.n += 1;
            0
        };
        b.await
    }
}
pub async fn reborrowed(url: &str) -> usize {
    let b = async {
        leaf().await;
        up(url).await
    };
    b.await
}
pub async fn to_generic(url: &str) -> usize {
    let b = async {
        leaf().await;
        let u = generic(url);
        u.len()
    };
    b.await
}
pub async fn double_ref(url: &&str, s: &String) -> usize {
    let b = async {
        leaf().await;
        url.len() + s.len()
    };
    b.await
}
