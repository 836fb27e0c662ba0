package dev.snapshots.web;

final class HomePage {

    /** Wrong: the whole page, count included, is filled in on the first request and kept. */
    private String page;

    void render(Context ctx) {
        if (page == null) {
            page = template.replace("{{server}}", escape(serverName))
                    .replace("{{userCount}}", Long.toString(users.count()));
        }
        ctx.html(page);
    }
}
