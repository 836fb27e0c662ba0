// The page and its API live at the origin (snapshots.test); this script may come from the CDN edge,
// but the requests it makes go to the page's own address, with the user's cookies.
function request(method, path, body, done) {
  var xhr = new XMLHttpRequest();
  xhr.open(method, path);
  xhr.onload = function () {
    var json = null;
    try {
      json = JSON.parse(xhr.responseText);
    } catch (e) {
      json = { error: 'unreadable answer' };
    }
    done(xhr.status, json);
  };
  xhr.onerror = function () {
    done(0, { error: 'the site could not be reached' });
  };
  if (body === null) {
    xhr.send();
  } else {
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.send(JSON.stringify(body));
  }
}

function showWhoAmI() {
  request('GET', '/api/me', null, function (status, user) {
    var who = document.getElementById('whoami');
    who.textContent = status === 200 ? 'Logged in as ' + user.name + ' (' + user.email + ').' : 'Not logged in.';
  });
}

document.getElementById('login-form').addEventListener('submit', function (event) {
  event.preventDefault();
  var form = event.target;
  var credentials = { email: form.elements.email.value, password: form.elements.password.value };
  request('POST', '/api/login', credentials, function (status, answer) {
    if (status !== 200) {
      document.getElementById('whoami').textContent = 'Login failed: ' + answer.error;
      return;
    }
    showWhoAmI();
  });
});

showWhoAmI();
