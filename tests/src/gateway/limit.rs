//! The per-recipient rate limit: at most N messages to one number in any 60 seconds.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use apicode_sms::SmsError;

const WINDOW: Duration = Duration::from_secs(60);

/// The send times of the last minute, per recipient.
pub struct RateLimiter {
    per_minute: u32,
    sent: HashMap<String, VecDeque<Instant>>,
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> Self {
        RateLimiter {
            per_minute,
            sent: HashMap::new(),
        }
    }

    /// Records one message to each of `recipients`, or none if one of them has had its
    /// allowance for the minute (a recipient listed twice counts twice).
    pub fn admit(&mut self, recipients: &[String]) -> Result<(), SmsError> {
        self.admit_at(recipients, Instant::now())
    }

    fn admit_at(&mut self, recipients: &[String], now: Instant) -> Result<(), SmsError> {
        self.forget_before(now);
        let mut wanted: HashMap<&str, usize> = HashMap::new();
        for to in recipients {
            *wanted.entry(to.as_str()).or_default() += 1;
        }
        let allowed = usize::try_from(self.per_minute).unwrap_or(usize::MAX);
        for (to, count) in &wanted {
            let already = self.sent.get(*to).map_or(0, VecDeque::len);
            if already + count > allowed {
                return Err(SmsError::LimitExceed);
            }
        }
        for to in recipients {
            self.sent.entry(to.clone()).or_default().push_back(now);
        }
        Ok(())
    }

    /// Drops the sends older than the window, and the recipients left with none, so the map
    /// holds only the last minute's recipients.
    fn forget_before(&mut self, now: Instant) {
        self.sent.retain(|_, times| {
            while times
                .front()
                .is_some_and(|sent| now.duration_since(*sent) >= WINDOW)
            {
                times.pop_front();
            }
            !times.is_empty()
        });
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
}
