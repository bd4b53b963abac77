//! Formulas over other indicators, e.g. the poor-household rate `HO_NGHEO / SO_HO * 100`.
//! Codes, numbers, `+ - * /` and parentheses; nothing else, so a formula can be read aloud.

use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Num(f64),
    Code(String),
    Bin(Box<Expr>, char, Box<Expr>),
    Neg(Box<Expr>),
}

impl Expr {
    /// The indicator codes the formula reads, in order of appearance, without repeats.
    pub fn codes(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect(&self, out: &mut Vec<String>) {
        match self {
            Expr::Num(_) => {}
            Expr::Code(c) => {
                if !out.contains(c) {
                    out.push(c.clone());
                }
            }
            Expr::Bin(a, _, b) => {
                a.collect(out);
                b.collect(out);
            }
            Expr::Neg(a) => a.collect(out),
        }
    }

    /// The formula read aloud in the indicators' own names, for pages ordinary users read
    /// (issue 8, item 13): `HO_NGHEO / SO_HO * 100` becomes "Số hộ nghèo : Số hộ gia đình × 100".
    /// A code without a name stays as it is.
    pub fn in_words(&self, names: &HashMap<String, String>) -> String {
        self.words(names, 0)
    }

    fn words(&self, names: &HashMap<String, String>, outer: u8) -> String {
        let rank = |op: char| if matches!(op, '+' | '-') { 1 } else { 2 };
        match self {
            Expr::Num(n) if n.fract() == 0.0 => crate::text::decimal_vn(*n, 0),
            Expr::Num(n) => crate::text::decimal_vn(*n, 4)
                .trim_end_matches('0')
                .to_string(),
            Expr::Code(c) => names.get(c).cloned().unwrap_or_else(|| c.clone()),
            Expr::Neg(a) => format!("−{}", a.words(names, 3)),
            Expr::Bin(a, op, b) => {
                let r = rank(*op);
                let sign = match op {
                    '*' => "×",
                    '/' => ":",
                    '+' => "+",
                    _ => "−",
                };
                let text = format!("{} {sign} {}", a.words(names, r), b.words(names, r + 1));
                if r < outer { format!("({text})") } else { text }
            }
        }
    }

    /// The value, or `None` when an input is missing or a division is by zero.
    pub fn eval(&self, values: &HashMap<String, f64>) -> Option<f64> {
        match self {
            Expr::Num(n) => Some(*n),
            Expr::Code(c) => values.get(c).copied(),
            Expr::Neg(a) => a.eval(values).map(|v| -v),
            Expr::Bin(a, op, b) => {
                let (x, y) = (a.eval(values)?, b.eval(values)?);
                match op {
                    '+' => Some(x + y),
                    '-' => Some(x - y),
                    '*' => Some(x * y),
                    _ if y == 0.0 => None,
                    _ => Some(x / y),
                }
            }
        }
    }
}

/// Parses a formula; the error says in Vietnamese where it went wrong.
pub fn parse(src: &str) -> Result<Expr, String> {
    let tokens = tokenize(src)?;
    let mut p = Parser { tokens, pos: 0 };
    let e = p.sum()?;
    if p.pos != p.tokens.len() {
        return Err(format!(
            "Công thức có phần thừa từ «{}».",
            p.tokens[p.pos].text()
        ));
    }
    Ok(e)
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64),
    Code(String),
    Op(char),
}

impl Tok {
    fn text(&self) -> String {
        match self {
            Tok::Num(n) => n.to_string(),
            Tok::Code(c) => c.clone(),
            Tok::Op(o) => o.to_string(),
        }
    }
}

fn tokenize(src: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if "+-*/()".contains(c) {
            out.push(Tok::Op(c));
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            let n = s
                .parse()
                .map_err(|_| format!("Số «{s}» trong công thức không hợp lệ."))?;
            out.push(Tok::Num(n));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Tok::Code(chars[start..i].iter().collect()));
        } else {
            return Err(format!("Ký tự «{c}» không dùng được trong công thức."));
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn peek_op(&self) -> Option<char> {
        match self.tokens.get(self.pos) {
            Some(Tok::Op(o)) => Some(*o),
            _ => None,
        }
    }

    fn sum(&mut self) -> Result<Expr, String> {
        let mut e = self.product()?;
        while let Some(op @ ('+' | '-')) = self.peek_op() {
            self.pos += 1;
            e = Expr::Bin(Box::new(e), op, Box::new(self.product()?));
        }
        Ok(e)
    }

    fn product(&mut self) -> Result<Expr, String> {
        let mut e = self.atom()?;
        while let Some(op @ ('*' | '/')) = self.peek_op() {
            self.pos += 1;
            e = Expr::Bin(Box::new(e), op, Box::new(self.atom()?));
        }
        Ok(e)
    }

    fn atom(&mut self) -> Result<Expr, String> {
        let tok = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        match tok {
            Some(Tok::Num(n)) => Ok(Expr::Num(n)),
            Some(Tok::Code(c)) => Ok(Expr::Code(c)),
            Some(Tok::Op('-')) => Ok(Expr::Neg(Box::new(self.atom()?))),
            Some(Tok::Op('(')) => {
                let e = self.sum()?;
                if self.peek_op() != Some(')') {
                    return Err("Công thức thiếu dấu đóng ngoặc «)».".into());
                }
                self.pos += 1;
                Ok(e)
            }
            Some(t) => Err(format!("Công thức không đúng ở «{}».", t.text())),
            None => Err("Công thức bị cụt ở cuối.".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, f64)]) -> HashMap<String, f64> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn poor_household_rate_is_a_share_of_households() {
        let e = parse("HO_NGHEO / SO_HO * 100").unwrap();
        assert_eq!(e.codes(), ["HO_NGHEO", "SO_HO"]);
        let v = e
            .eval(&values(&[("HO_NGHEO", 42.0), ("SO_HO", 1200.0)]))
            .unwrap();
        assert!((v - 3.5).abs() < 1e-9);
    }

    #[test]
    fn precedence_parentheses_and_minus() {
        let e = parse("(A + B) * 2 - -C / 4").unwrap();
        let v = e.eval(&values(&[("A", 1.0), ("B", 2.0), ("C", 8.0)]));
        assert_eq!(v, Some(8.0));
    }

    #[test]
    fn missing_inputs_and_zero_divisors_give_no_value() {
        let e = parse("A / B").unwrap();
        assert_eq!(e.eval(&values(&[("A", 1.0)])), None);
        assert_eq!(e.eval(&values(&[("A", 1.0), ("B", 0.0)])), None);
    }

    #[test]
    fn bad_formulas_say_where() {
        assert!(parse("A / (B").unwrap_err().contains("đóng ngoặc"));
        assert!(parse("A % B").unwrap_err().contains("«%»"));
        assert!(parse("A B").unwrap_err().contains("«B»"));
        assert!(parse("A *").unwrap_err().contains("cụt"));
    }

    #[test]
    fn a_formula_reads_in_the_indicators_names() {
        let names: HashMap<String, String> = [
            ("HO_NGHEO", "Số hộ nghèo"),
            ("SO_HO", "Số hộ gia đình"),
            ("A", "a"),
            ("B", "b"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let words = |f: &str| parse(f).unwrap().in_words(&names);
        assert_eq!(
            words("HO_NGHEO / SO_HO * 100"),
            "Số hộ nghèo : Số hộ gia đình × 100"
        );
        assert_eq!(words("(A + B) * 2"), "(a + b) × 2");
        assert_eq!(words("A - (B - 1)"), "a − (b − 1)");
        assert_eq!(words("A * 0.5"), "a × 0,5");
    }
}
