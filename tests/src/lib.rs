//! Tests and examples of apicode; nothing here is published.
