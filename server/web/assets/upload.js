// Evidence upload, enhanced: drop a file on the form, and see the upload's progress. Without this
// script the form is a plain file input that posts the same request.
(function () {
  'use strict';
  var zone = document.querySelector('[data-dropzone]');
  if (!zone || !window.FormData || !window.XMLHttpRequest) return;
  var form = zone.closest('form');
  var input = zone.querySelector('input[type=file]');
  var bar = zone.querySelector('progress');
  var status = zone.querySelector('[data-status]');

  ['dragenter', 'dragover'].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add('over');
    });
  });
  ['dragleave', 'drop'].forEach(function (name) {
    zone.addEventListener(name, function () {
      zone.classList.remove('over');
    });
  });
  zone.addEventListener('drop', function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length > 0) {
      input.files = event.dataTransfer.files;
      status.textContent = 'Chosen: ' + input.files[0].name;
    }
  });

  form.addEventListener('submit', function (event) {
    if (!input.files || input.files.length === 0) return;
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open('POST', form.action);
    bar.hidden = false;
    request.upload.addEventListener('progress', function (progress) {
      if (!progress.lengthComputable) return;
      bar.value = Math.round((progress.loaded / progress.total) * 100);
      status.textContent = 'Uploading: ' + bar.value + '%';
    });
    request.addEventListener('load', function () {
      // The server answered as it would the plain form: the item's page, or the form with the problem.
      if (request.status < 400 && request.responseURL) {
        window.location.assign(request.responseURL);
        return;
      }
      var page = new DOMParser().parseFromString(request.responseText, 'text/html');
      var problems = page.querySelector('#problems');
      status.textContent = problems ? problems.textContent : 'The upload was refused (HTTP ' + request.status + ').';
      bar.hidden = true;
    });
    request.addEventListener('error', function () {
      status.textContent = 'The upload was interrupted; nothing was stored. Try again.';
      bar.hidden = true;
    });
    status.textContent = 'Uploading…';
    request.send(new FormData(form));
  });
})();
