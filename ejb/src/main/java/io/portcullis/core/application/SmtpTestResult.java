package io.portcullis.core.application;

/** A test mail the SMTP server accepted: to whom, through which server and mode, in how many milliseconds. */
public record SmtpTestResult(String to, String server, String security, long millis) {}
