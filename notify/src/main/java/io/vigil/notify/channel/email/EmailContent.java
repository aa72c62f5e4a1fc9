package io.vigil.notify.channel.email;

/** A rendered notification: the subject line and the two alternative bodies of one mail. */
record EmailContent(String subject, String text, String html) {
}
