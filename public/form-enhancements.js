// What React does for the two sign-up forms (the pledge and Scotland's volunteer form), in one small file,
// for the copies of those pages sent without Next.js's runtime (lib/platform/script-free-pages.mjs): about
// 140 KB of framework for a proof-of-work and a busy button cost the pages their quiet main thread
// (issue #11). The forms work without any of this; it only adds:
//
// - the proof-of-work (ALTCHA, v2 protocol, as lib/security/challenge.ts issues it), solved in the
//   background once the visitor first touches the page, so nobody waits or clicks for it;
// - a submission made before it is solved (a password manager fills a form in well under a second) is
//   held until it is, then sent;
// - the button says "Sending…" and a second click sends nothing twice.
//
// The solver is written out here rather than loaded from altcha-lib: that package is an ES module for
// bundlers, and loading it in the browser would mean shipping the bundle this file replaces. It is the same
// algorithm as altcha-lib's solveChallenge with its web SHA key derivation (uint32 counter), and
// tests/unit/form-enhancements.test.ts checks that altcha-lib's verifySolution accepts what it finds.
//
// lib/platform/script-free-pages.mjs adds this file, with `defer`, to the stripped copy of a page with a
// sign-up form, in place of React; pages with React never carry it. Where React draws the form (the page
// sent back with its errors), components/pledge/use-proof-of-work.ts does this instead.
(function (root) {
  "use strict";

  /** @param {string} hex */
  function hexToBytes(hex) {
    var bytes = new Uint8Array(hex.length / 2);
    for (var i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
    return bytes;
  }
  /** @param {Uint8Array} bytes */
  function bytesToHex(bytes) {
    var hex = "";
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return hex;
  }
  function delay() {
    return new Promise(function (resolve) {
      setTimeout(resolve, 0);
    });
  }

  /**
   * Finds the counter whose key (SHA-256 of salt, nonce and the counter as 4 big-endian bytes, hashed
   * `cost` times) starts with the challenge's key prefix. Resolves to the form field's value, base64 of
   * {challenge, solution}, or "" if it gives up (past `timeoutMs`, or an unsupported challenge): the
   * sign-up then simply counts against its network's free allowance, as without JavaScript.
   */
  async function solveProofOfWork(challenge, timeoutMs) {
    var p = challenge && challenge.parameters;
    var prefix = p && typeof p.keyPrefix === "string" ? p.keyPrefix.toLowerCase() : "";
    if (!p || !/^SHA-(256|384|512)$/.test(p.algorithm) || !/^[0-9a-f]+$/.test(prefix)) return "";
    var salt = hexToBytes(p.salt);
    var nonce = hexToBytes(p.nonce);
    var keyLength = p.keyLength || 32;
    var password = new Uint8Array(salt.length + nonce.length + 4);
    password.set(salt, 0);
    password.set(nonce, salt.length);
    var view = new DataView(password.buffer);
    var start = Date.now();
    var lastYield = start;
    for (var counter = 0; counter <= 0xffffffff; counter++) {
      if (Date.now() - start > timeoutMs) return "";
      view.setUint32(salt.length + nonce.length, counter, false);
      var key = password;
      for (var round = 0; round < Math.max(1, p.cost); round++)
        key = new Uint8Array(await root.crypto.subtle.digest(p.algorithm, key));
      var hex = bytesToHex(key.slice(0, keyLength));
      if (hex.indexOf(prefix) === 0) {
        var solution = { counter: counter, derivedKey: hex, time: Date.now() - start };
        return root.btoa(JSON.stringify({ challenge: challenge, solution: solution }));
      }
      // Let the page breathe (typing, scrolling) while it works.
      if (Date.now() - lastYield > 200) {
        await delay();
        lastYield = Date.now();
      }
    }
    return "";
  }

  function fetchAndSolve() {
    return fetch("/api/pledge/challenge", { cache: "no-store" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (challenge) {
        return challenge ? solveProofOfWork(challenge, 30000) : "";
      })
      .catch(function () {
        return "";
      });
  }

  /** @param {HTMLFormElement} form @param {HTMLInputElement} field the hidden `altcha` field */
  function enhance(form, field) {
    var button = form.querySelector('button[type="submit"]');
    var label = button ? button.textContent : "";
    var solving = null;
    // "idle" until a submission; "waiting" while one is held for the solution; "sending" once it goes.
    var state = "idle";

    function startSolving() {
      if (!solving)
        solving = fetchAndSolve().then(function (payload) {
          field.value = payload;
          return payload;
        });
      return solving;
    }
    function showBusy(busy) {
      if (!button) return;
      button.disabled = busy;
      button.setAttribute("aria-disabled", String(busy));
      button.textContent = busy ? "Sending…" : label;
    }

    ["focusin", "pointerdown", "keydown", "input"].forEach(function (type) {
      document.addEventListener(type, startSolving, { capture: true, once: true, passive: true });
    });

    form.addEventListener("submit", function (event) {
      if (state === "idle" && !field.value) {
        event.preventDefault();
        state = "waiting";
        showBusy(true);
        startSolving().then(function () {
          state = "ready";
          form.requestSubmit();
        });
        return;
      }
      if (state === "waiting" || state === "sending") {
        event.preventDefault();
        return;
      }
      state = "sending";
      showBusy(true);
    });

    // Back to this page from the next one (the back/forward cache keeps it as it was): the solution was
    // spent by the submission it went with, so start again with a fresh one.
    root.addEventListener("pageshow", function (event) {
      if (!event.persisted) return;
      state = "idle";
      showBusy(false);
      field.value = "";
      solving = null;
      void startSolving();
    });
  }

  root.countUsInSolveProofOfWork = solveProofOfWork;
  if (typeof document === "undefined") return; // loaded by the unit test, for the solver alone
  var fields = document.querySelectorAll('form input[type="hidden"][name="altcha"]');
  for (var i = 0; i < fields.length; i++) enhance(fields[i].form, fields[i]);
})(globalThis);
