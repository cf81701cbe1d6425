package io.atrium.lpi.internal;

import io.atrium.lpi.api.Choice;

/** What a teacher says about a file: the choice and the work's details. */
record Classification(Choice choice, String title, String author, String publisher, String identification,
        String pages, long totalpages, long firstpage, long lastpage, boolean fragment, String fragmenttitle,
        String fragmentauthor, long timeendlicense, String comments) {
}
