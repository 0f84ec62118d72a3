// KlantCentraal: small progressive enhancements. Every page works without this file.
(function () {
    'use strict';

    // Print buttons on confirmations.
    document.querySelectorAll('[data-print]').forEach(function (button) {
        button.addEventListener('click', function () { window.print(); });
    });

    // A submit button marked data-once is disabled after the first submit, so a double click sends one form.
    // The server also stores one complaint per submission id, so this is only a courtesy.
    document.querySelectorAll('form').forEach(function (form) {
        form.addEventListener('submit', function () {
            form.querySelectorAll('button[data-once]').forEach(function (button) {
                window.setTimeout(function () { button.disabled = true; }, 0);
            });
        });
    });

    // Desk: show only the resolution fields that belong to the chosen type.
    var typeRadios = document.querySelectorAll('input[name="Input.ResolutionType"]');
    function chosenType() {
        var checked = document.querySelector('input[name="Input.ResolutionType"]:checked');
        return checked ? checked.value : null;
    }
    function showFieldsFor(type) {
        document.querySelectorAll('[data-for-types]').forEach(function (field) {
            var types = field.getAttribute('data-for-types').split(' ');
            field.hidden = type !== null && types.indexOf(type) === -1;
        });
    }
    typeRadios.forEach(function (radio) {
        radio.addEventListener('change', function () { showFieldsFor(chosenType()); });
    });
    if (typeRadios.length > 0) { showFieldsFor(chosenType()); }

    // Desk: the customer's desired outcome pre-selects the resolution.
    var desired = document.querySelector('[data-preselects="resolution-type"]');
    if (desired) {
        desired.addEventListener('change', function () {
            var radio = document.querySelector('input[name="Input.ResolutionType"][value="' + desired.value + '"]');
            if (radio) {
                radio.checked = true;
                showFieldsFor(desired.value);
            }
        });
    }
}());
