// Small browser helpers the dashboard calls through JS interop.
window.activityDashboard = {
    // The viewer's IANA time zone, e.g. "Europe/Berlin"; the page buckets on this wall clock by default.
    browserTimeZone: function () {
        try {
            return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
        } catch {
            return null;
        }
    },

    // The theme the viewer chose with the app bar's switch ("dark" or "light"), kept in this browser; null when none
    // was chosen (the system's setting applies) or storage is off (a private window may refuse it).
    storedTheme: function () {
        try {
            const theme = window.localStorage.getItem('activityDashboard.theme');
            return theme === 'dark' || theme === 'light' ? theme : null;
        } catch {
            return null;
        }
    },

    storeTheme: function (theme) {
        try {
            window.localStorage.setItem('activityDashboard.theme', theme);
        } catch {
            // Not kept: the choice holds for this page only.
        }
    }
};

// Enter in a field inside [data-commit-on-enter] commits what was typed, as leaving the field does. A text input only
// sends "change" when it loses focus, and MudBlazor's editable date range picker reads typed days from "change", so
// without this Enter did nothing there.
document.addEventListener('keydown', function (event) {
    const target = event.target;
    if (event.key === 'Enter' && target instanceof HTMLInputElement && target.closest('[data-commit-on-enter]')) {
        target.dispatchEvent(new Event('change', { bubbles: true }));
    }
});
