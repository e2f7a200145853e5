/* Copies the text of an element (a token, a command) to the clipboard, selecting it where the browser refuses. */
function portcullisCopy(id, button) {
  var element = document.getElementById(id);
  var text = element.textContent;
  var done = function () { button.textContent = 'Copied'; };
  var select = function () {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    button.textContent = 'Selected: press Ctrl+C';
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, select);
  } else {
    select();
  }
}
