"""numsearch: find, spell and buy phone numbers on Twilio from the command line."""

__version__ = "0.1.0"
