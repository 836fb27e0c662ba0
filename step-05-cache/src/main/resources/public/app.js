// The page talks to the same server that sent it: one address for the page, its assets and the API.
async function showWhoAmI() {
  const response = await fetch('/api/me');
  const who = document.getElementById('whoami');
  if (response.ok) {
    const user = await response.json();
    who.textContent = 'Logged in as ' + user.name + ' (' + user.email + ').';
  } else {
    who.textContent = 'Not logged in.';
  }
}

document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const response = await fetch('/api/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: form.get('email'), password: form.get('password') }),
  });
  if (!response.ok) {
    document.getElementById('whoami').textContent = 'Login failed: ' + (await response.json()).error;
    return;
  }
  showWhoAmI();
});

showWhoAmI();
