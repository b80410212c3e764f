// Small browser helpers the dashboard calls through JS interop.
window.activityDashboard = {
    // The viewer's IANA time zone, e.g. "Europe/Berlin"; the page buckets on this wall clock by default.
    browserTimeZone: function () {
        try {
            return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
        } catch {
            return null;
        }
    }
};
