// The console's few live parts: the user's time zone for the server, confirmations, the trend chart.
(function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && document.cookie.indexOf('tz=' + encodeURIComponent(zone)) < 0) {
    document.cookie = 'tz=' + encodeURIComponent(zone) + '; path=/; SameSite=Lax';
    if (document.body && !document.body.classList.contains('login')) {
      location.reload(); // the page was rendered in the server's zone; once is enough
    }
  }

  document.addEventListener('submit', function (event) {
    var question = event.target.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // A select marked data-autosubmit submits its form when changed (no inline onchange: see the CSP).
  document.addEventListener('change', function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute('data-autosubmit') && event.target.form) {
      event.target.form.submit();
    }
  });

  document.addEventListener('DOMContentLoaded', function () {
    var element = document.getElementById('trend');
    var source = document.getElementById('trend-data');
    var data = source ? JSON.parse(source.textContent) : null;
    if (!element || !data || !window.echarts) {
      return;
    }
    var chart = window.echarts.init(element);
    chart.setOption({
      animation: false,
      tooltip: {trigger: 'axis'},
      legend: {data: ['Breaks', 'Break value', 'Unexplained']},
      xAxis: {type: 'category', data: data.dates},
      yAxis: [{type: 'value', name: 'breaks', minInterval: 1}, {type: 'value', name: 'value'}],
      series: [
        {name: 'Breaks', type: 'bar', barMaxWidth: 48, data: data.breaks},
        {name: 'Break value', type: 'line', yAxisIndex: 1, data: data.value},
        {name: 'Unexplained', type: 'line', yAxisIndex: 1, data: data.unexplained}
      ]
    });
    element.setAttribute('data-rendered', 'true');
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
