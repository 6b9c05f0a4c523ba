// The demo retailer's page around the chat: the page type (`?page=home|collection|product|
// checkout`, sent to widget_state, R-DISPLAY-1) and the purchase (record_purchase).

// common.js (a classic script loaded first) provides window.vshop.
const command = (obj) => window.vshop.command(obj);

const PAGE_TYPES = ["home", "collection", "product", "checkout"];

const VARIANTS = {
  home: {
    title: "Tulip & Co. — Home",
    html: `<h1>Spring, in linen.</h1>
      <p>New shirts, dresses and trousers from our Amsterdam and New York ateliers.</p>
      <p><a href="?page=collection">Shop shirts</a></p>`,
  },
  collection: {
    title: "Tulip & Co. — Shirts",
    html: `<h1>Shirts</h1>
      <ul class="tiles">
        <li><a href="?page=product">Linen overshirt<br><small>129.00 EUR</small></a></li>
        <li><span>Oxford shirt<br><small>89.00 EUR</small></span></li>
        <li><span>Poplin shirt<br><small>79.00 EUR</small></span></li>
      </ul>`,
  },
  checkout: {
    title: "Tulip & Co. — Checkout",
    html: `<h1>Checkout</h1>
      <p>Chat is not offered on this page (page type <code>checkout</code> is not in the
      merchant's display list).</p>`,
  },
};

/** The page type of this page: `?page=`, else `product`. */
export function pageType() {
  const p = new URLSearchParams(location.search).get("page");
  return PAGE_TYPES.includes(p) ? p : "product";
}

function newOrderId() {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return "o-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function buy(status) {
  const order = newOrderId();
  const subtotal = document.getElementById("product-price").textContent.trim();
  const currency = document.getElementById("product-currency").textContent.trim();
  const size = document.getElementById("product-size").value;
  status.className = "order-status";
  status.textContent = "Placing your order…";
  try {
    await command({
      cmd: "record_purchase",
      order,
      subtotal,
      currency,
      items: [{ sku: `linen-overshirt-${size.toLowerCase()}`, qty: 1 }],
    });
    status.textContent = `Thank you! Order ${order} is placed (${subtotal} ${currency}).`;
    status.dataset.order = order;
  } catch (err) {
    status.classList.add("error");
    status.textContent = err.error ? `${err.message} (${err.error})` : String(err);
  }
}

/** Shows the variant of the page for its type and wires the purchase button. */
export function setupProductPage() {
  const type = pageType();
  const main = document.getElementById("page");
  main.dataset.page = type;
  for (const a of document.querySelectorAll(".site-nav a")) {
    a.classList.toggle("current", a.dataset.page === type);
  }
  if (type !== "product") {
    const v = VARIANTS[type];
    document.title = v.title;
    document.getElementById("product").hidden = true;
    const section = document.getElementById("page-variant");
    section.innerHTML = v.html;
    section.hidden = false;
  }
  const status = document.getElementById("order-status");
  const button = document.getElementById("buy-now");
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await buy(status);
    } finally {
      button.disabled = false;
    }
  });
}
