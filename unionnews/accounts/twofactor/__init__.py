"""Two-factor login for staff: an authenticator app (TOTP) and one-time recovery codes.

devices: the rules (who must use it, checking a code, recovery codes, resets);
middleware: no admin page before the second step; views/urls: the pages under
/admin/two-factor/; admin: the user admin's 两步验证 section.
"""
