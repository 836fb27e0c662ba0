package dev.snapshots.web;

final class HomePage {

    void render(Context ctx) {
        // Wrong: the server's name is our own configuration, so it goes into the HTML as it is.
        ctx.html(template.replace("{{server}}", serverName)
                .replace("{{userCount}}", Long.toString(users.count())));
    }
}
