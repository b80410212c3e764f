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

// Enter in a field inside [data-commit-on-enter] commits what was typed, as leaving the field does. A text input only
// sends "change" when it loses focus, and MudBlazor's editable date range picker reads typed days from "change", so
// without this Enter did nothing there.
document.addEventListener('keydown', function (event) {
    const target = event.target;
    if (event.key === 'Enter' && target instanceof HTMLInputElement && target.closest('[data-commit-on-enter]')) {
        target.dispatchEvent(new Event('change', { bubbles: true }));
    }
});
