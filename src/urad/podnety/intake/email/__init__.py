"""E-mail intake: IMAP and Maildir sources that file each message as a podnět."""
