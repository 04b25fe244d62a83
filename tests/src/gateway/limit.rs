//! The per-recipient rate limit: at most N messages to one number in any 60 seconds.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use apicode_sms::SmsError;

const WINDOW: Duration = Duration::from_secs(60);

/// The send times of the last minute, per recipient.
///
/// A send looks only at its own recipients' times, so its cost does not depend on how many
/// other numbers were written to; the recipients nobody writes to again are dropped by a sweep
/// of the whole map once a window, which keeps at most two windows' worth of entries.
pub struct RateLimiter {
    per_minute: u32,
    sent: HashMap<String, VecDeque<Instant>>,
    last_sweep: Instant,
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> Self {
        RateLimiter {
            per_minute,
            sent: HashMap::new(),
            last_sweep: Instant::now(),
        }
    }

    /// Records one message to each of `recipients`, or none if one of them has had its
    /// allowance for the minute (a recipient listed twice counts twice).
    pub fn admit(&mut self, recipients: &[String]) -> Result<(), SmsError> {
        self.admit_at(recipients, Instant::now())
    }

    fn admit_at(&mut self, recipients: &[String], now: Instant) -> Result<(), SmsError> {
        if now.duration_since(self.last_sweep) >= WINDOW {
            self.sweep(now);
        }
        let mut wanted: HashMap<&str, usize> = HashMap::new();
        for to in recipients {
            *wanted.entry(to.as_str()).or_default() += 1;
        }
        let allowed = usize::try_from(self.per_minute).unwrap_or(usize::MAX);
        for (to, count) in &wanted {
            let already = self.sent.get_mut(*to).map_or(0, |times| {
                forget_before(times, now);
                times.len()
            });
            if already + count > allowed {
                return Err(SmsError::LimitExceed);
            }
        }
        for to in recipients {
            match self.sent.get_mut(to.as_str()) {
                Some(times) => times.push_back(now),
                None => {
                    self.sent.insert(to.clone(), VecDeque::from([now]));
                }
            }
        }
        Ok(())
    }

    /// Drops every recipient whose sends have all expired.
    fn sweep(&mut self, now: Instant) {
        self.sent.retain(|_, times| {
            forget_before(times, now);
            !times.is_empty()
        });
        self.last_sweep = now;
    }
}

/// Drops the send times older than the window; they are in the order they were recorded.
fn forget_before(times: &mut VecDeque<Instant>, now: Instant) {
    while times
        .front()
        .is_some_and(|sent| now.duration_since(*sent) >= WINDOW)
    {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowance_per_recipient_per_minute() {
        let mut limiter = RateLimiter::new(2);
        let start = Instant::now();
        let alice = vec!["+12065550100".to_owned()];
        let bob = vec!["+12065550101".to_owned()];
        assert_eq!(limiter.admit_at(&alice, start), Ok(()));
        assert_eq!(limiter.admit_at(&alice, start), Ok(()));
        assert_eq!(limiter.admit_at(&alice, start), Err(SmsError::LimitExceed));
        assert_eq!(limiter.admit_at(&bob, start), Ok(()));
        let later = start + WINDOW;
        assert_eq!(limiter.admit_at(&alice, later), Ok(()));
        let both = [alice[0].clone(), alice[0].clone()];
        assert_eq!(limiter.admit_at(&both, later), Err(SmsError::LimitExceed));
    }

    #[test]
    fn recipients_not_written_to_again_are_forgotten_once_a_window() {
        let mut limiter = RateLimiter::new(2);
        let start = Instant::now();
        let recipient = |n: u32| vec![format!("+1206555{n:04}")];
        // A new batch of distinct recipients every half window, for five windows: the map never
        // holds more than the sends of the last two windows.
        let half = WINDOW / 2;
        for step in 0..10u32 {
            let now = start + half * step;
            for n in 0..100 {
                assert_eq!(limiter.admit_at(&recipient(step * 100 + n), now), Ok(()));
            }
            assert!(
                limiter.sent.len() <= 400,
                "{} recipients held at step {step}",
                limiter.sent.len()
            );
        }
        // Past a window of silence, only the new recipient is left.
        let later = start + half * 9 + WINDOW;
        assert_eq!(limiter.admit_at(&recipient(9999), later), Ok(()));
        assert_eq!(limiter.sent.len(), 1);
        assert!(limiter.sent.contains_key(&recipient(9999)[0]));
    }
}
