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

    // Desk: search customers as you type. The results are links; ArrowDown moves from the box into them.
    var search = document.getElementById('customer-search');
    var matches = document.getElementById('customer-matches');
    if (search && matches) {
        var timer = null;
        var lastQuery = search.value;
        search.addEventListener('input', function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(function () {
                var q = search.value.trim();
                if (q === lastQuery) { return; }
                lastQuery = q;
                if (q.length < 2) { matches.innerHTML = ''; return; }
                fetch(search.getAttribute('data-search-url') + '&q=' + encodeURIComponent(q), { credentials: 'same-origin' })
                    .then(function (response) { return response.ok ? response.text() : ''; })
                    .then(function (html) { if (search.value.trim() === q) { matches.innerHTML = html; } })
                    .catch(function () { /* the search button still works without this */ });
            }, 200);
        });
        search.addEventListener('keydown', function (event) {
            if (event.key === 'ArrowDown') {
                var first = matches.querySelector('a');
                if (first) { event.preventDefault(); first.focus(); }
            }
        });
        matches.addEventListener('keydown', function (event) {
            if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') { return; }
            var links = Array.prototype.slice.call(matches.querySelectorAll('a'));
            var at = links.indexOf(document.activeElement);
            if (at === -1) { return; }
            event.preventDefault();
            if (event.key === 'ArrowDown' && at < links.length - 1) { links[at + 1].focus(); }
            if (event.key === 'ArrowUp') { (at === 0 ? search : links[at - 1]).focus(); }
        });
    }

    // Desk: the legal hint for purchases within one year (information, not a rule).
    document.querySelectorAll('[data-legal-hint]').forEach(function (input) {
        var hint = document.getElementById(input.getAttribute('data-legal-hint'));
        function update() {
            if (!hint) { return; }
            if (!input.value) { hint.hidden = true; return; }
            // ISO dates compare as text; the first day the presumption covers comes from the server (ConsumerLaw).
            hint.hidden = !(input.value >= input.getAttribute('data-legal-hint-from'));
        }
        input.addEventListener('change', update);
        input.addEventListener('input', update);
    });

    // Store lists: a search field narrows the options of the select it filters (the select works without it).
    document.querySelectorAll('input.store-filter[data-filters]').forEach(function (filter) {
        var select = document.getElementById(filter.getAttribute('data-filters'));
        if (!select) { return; }
        filter.hidden = false;
        filter.addEventListener('input', function () {
            var words = filter.value.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').split(/\s+/).filter(Boolean);
            var firstMatch = null;
            Array.prototype.forEach.call(select.options, function (option) {
                if (!option.value) { return; }
                var text = option.text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
                var match = words.every(function (w) { return text.indexOf(w) !== -1; });
                option.hidden = !match;
                if (match && !firstMatch) { firstMatch = option; }
            });
            if (firstMatch && (select.selectedIndex <= 0 || select.options[select.selectedIndex].hidden)) {
                firstMatch.selected = true;
            }
        });
    });

    // Desk: the co-sign fields show as soon as the amount asks for a manager, so one can be called over first.
    // Dutch or English typing ("1.250,00", "1,250.00", "24,95"); the server decides in the end.
    var coSign = document.querySelector('fieldset.co-sign[data-cosign-from]');
    var amountInput = document.querySelector('input[name$=".Amount"]');
    function cents(text) {
        var s = (text || '').replace(/[€\s]|EUR/gi, '');
        if (!/^\d[\d.,]*$/.test(s)) { return null; }
        var comma = s.lastIndexOf(','), dot = s.lastIndexOf('.');
        var decimal = Math.max(comma, dot);
        if (decimal >= 0 && s.length - decimal - 1 <= 2) {
            return Math.round(parseFloat(s.slice(0, decimal).replace(/[.,]/g, '') + '.' + s.slice(decimal + 1)) * 100);
        }
        return parseInt(s.replace(/[.,]/g, ''), 10) * 100;
    }
    if (coSign && amountInput) {
        var from = parseInt(coSign.getAttribute('data-cosign-from'), 10);
        var secondFrom = parseInt(coSign.getAttribute('data-second-from'), 10);
        var second = coSign.querySelector('[data-second-co-sign]');
        var updateCoSign = function () {
            var type = chosenType();
            var value = cents(amountInput.value);
            var counts = type === 'Refund' || type === 'Voucher';
            if (from === 0 || (counts && value !== null && value > from)) { coSign.hidden = false; }
            if (second && counts && value !== null && value > secondFrom) { second.hidden = false; }
        };
        amountInput.addEventListener('input', updateCoSign);
        typeRadios.forEach(function (radio) { radio.addEventListener('change', updateCoSign); });
        updateCoSign();
    }

    // Desk: a known e-mail address or phone number typed for a new customer is recognised as the field is left.
    var known = document.getElementById('known-customer');
    if (known) {
        var lastAsked = '';
        var ask = function () {
            var email = document.querySelector('input[name="Input.Email"]');
            var phone = document.querySelector('input[name="Input.Phone"]');
            var query = 'email=' + encodeURIComponent(email ? email.value.trim() : '') + '&phone=' + encodeURIComponent(phone ? phone.value.trim() : '');
            if (query === lastAsked) { return; }
            lastAsked = query;
            fetch(known.getAttribute('data-known-url') + '&' + query, { credentials: 'same-origin' })
                .then(function (response) { return response.ok ? response.text() : ''; })
                .then(function (html) { known.innerHTML = html; })
                .catch(function () { /* the server still links a known customer on save */ });
        };
        ['Input.Email', 'Input.Phone'].forEach(function (name) {
            var field = document.querySelector('input[name="' + name + '"]');
            if (field) { field.addEventListener('change', ask); }
        });
    }

    // A saved reply goes in at the cursor of the reply, without a reload, so nothing typed is lost (issue 41/9).
    // Without script the button posts the form, which comes back with the saved reply after what was typed.
    document.querySelectorAll('button[data-insert-reply]').forEach(function (button) {
        button.addEventListener('click', function (event) {
            var reply = document.getElementById(button.getAttribute('data-insert-reply'));
            var choice = button.form && button.form.querySelector('select[name="savedReply"]');
            var option = choice && choice.options[choice.selectedIndex];
            if (!reply || !option) { return; }
            event.preventDefault();
            var text = option.getAttribute('data-text') || '';
            var start = reply.selectionStart, end = reply.selectionEnd;
            reply.value = reply.value.slice(0, start) + text + reply.value.slice(end);
            reply.focus();
            reply.setSelectionRange(start + text.length, start + text.length);
            reply.dispatchEvent(new Event('input', { bubbles: true }));
        });
    });

    // Actions that cannot be undone in one click ask first (data-confirm on the form); without script they go as sent.
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
        form.addEventListener('submit', function (event) {
            if (!window.confirm(form.getAttribute('data-confirm'))) {
                event.preventDefault();
                event.stopImmediatePropagation();
            }
        });
    });
}());
